-- Registers one keyword of each kind for the lua-* configurations.
local function tag(txn, name)
    txn.http:req_add_header("x-tag", name)
end

core.register_action("tag", { "http-req" }, tag, 1)
core.register_action("note", { "tcp-req", "http-res" }, function(txn)
end)
core.register_service("hello", "http", function(applet)
    applet:set_status(200)
    applet:start_response()
    applet:send("hello\n")
end)
core.register_service("echo", "tcp", function(applet)
    applet:send(applet:receive())
end)
