package config

// keepalived's handlers work on the last element of a list
// (list_last_entry). When a block's opening handler refuses it (a
// vrrp_instance without a name, say) and no '{' follows, keepalived reads
// the block's lines anyway with the block's keywords: their handlers, and
// the close handler, work on the element before, or, when the list is
// empty, on memory that is not an element at all. For vrrp_instance that
// memory reads as a zeroed instance whose name prints as "(null)"; for
// virtual_server, vrrp_sync_group and bfd_instance keepalived 2.2.7
// crashes. The readers stand in a phantom element, never listed, for an
// empty list, named as keepalived prints a null name.

// phantomName is how printf() shows a null name.
const phantomName = "(null)"
