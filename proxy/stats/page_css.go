package stats

// pageCSS is the page's style sheet: the classes 2.6's page uses, with
// its colours (a row's class is its server state; see the legend).
const pageCSS = `body {
 font-family: arial, helvetica, sans-serif; font-size: 12px;
 font-weight: normal; color: black; background: white;
}
th, td { font-size: 10px; }
h1 { font-size: x-large; margin-bottom: 0.5em; }
h2 {
 font-family: helvetica, arial; font-size: x-large; font-weight: bold;
 font-style: italic; color: #6020a0; margin-top: 0em; margin-bottom: 0em;
}
h3 {
 font-family: helvetica, arial; font-size: 16px; font-weight: bold;
 color: #b00040; background: #e8e8d0; margin-top: 0em; margin-bottom: 0em;
}
li { margin-top: 0.25em; margin-right: 2em; }
.hr { margin-top: 0.25em; border-color: black; border-bottom-style: solid; }
.titre { background: #20D0D0; color: #000000; font-weight: bold; text-align: center; }
.total { background: #20D0D0; color: #ffff80; }
.frontend { background: #e8e8d0; }
.socket { background: #d0d0d0; }
.backend { background: #e8e8d0; }
.active_down { background: #ff9090; }
.active_going_up { background: #ffd020; }
.active_going_down { background: #ffffa0; }
.active_up { background: #c0ffc0; }
.active_nolb { background: #20a0ff; }
.active_draining { background: #20a0FF; }
.active_no_check { background: #e0e0e0; }
.backup_down { background: #ff9090; }
.backup_going_up { background: #ff80ff; }
.backup_going_down { background: #c060ff; }
.backup_up { background: #b0d0ff; }
.backup_nolb { background: #90b0e0; }
.backup_draining { background: #cc9900; }
.backup_no_check { background: #e0e0e0; }
.maintain { background: #c07820; }
.rls { letter-spacing: 0.2em; margin-right: 1px; }
a.px:link, a.px:visited { color: #ffff40; text-decoration: none; }
a.px:hover { color: #ffffff; text-decoration: none; }
a.lfsb:link, a.lfsb:visited { color: #000000; text-decoration: none; }
a.lfsb:hover { color: #505050; text-decoration: none; }
table.tbl { border-collapse: collapse; border-style: none; }
table.tbl td {
 text-align: right; border-width: 1px; border-style: solid; border-color: gray;
 padding: 2px 3px; white-space: nowrap;
}
table.tbl td.ac { text-align: center; }
table.tbl th { border-width: 1px; border-style: solid; border-color: gray; }
table.tbl th.pxname {
 background: #b00040; color: #ffff40; font-weight: bold;
 border-style: solid solid none solid; padding: 2px 3px; white-space: nowrap;
}
table.tbl th.empty { border-style: none; empty-cells: hide; background: white; }
table.tbl th.desc { background: white; border-style: solid solid none solid; text-align: left; padding: 2px 3px; }
table.lgd { border-collapse: collapse; border-width: 1px; border-style: none none none solid; border-color: black; }
table.lgd td { border-width: 1px; border-style: solid; border-color: gray; padding: 2px; }
table.lgd td.noborder { border-style: none; padding: 2px; white-space: nowrap; }
table.det { border-collapse: collapse; border-style: none; }
table.det th {
 text-align: left; border-width: 0px; padding: 0px 1px 0px 0px;
 font-style: normal; font-size: 11px; font-weight: bold; font-family: sans-serif;
}
table.det td {
 text-align: right; border-width: 0px; padding: 0px 0px 0px 4px; white-space: nowrap;
 font-style: normal; font-size: 11px; font-weight: normal;
}
u { text-decoration: none; border-bottom: 1px dotted black; }
div.tips {
 display: block; visibility: hidden; z-index: 2147483647; position: absolute;
 padding: 2px 4px 3px; background: #f0f060; color: #000000; border: 1px solid #7040c0;
 white-space: nowrap; font-style: normal; font-size: 11px; font-weight: normal;
 border-radius: 3px; box-shadow: gray 2px 2px 3px;
}
u:hover div.tips { visibility: visible; }
@media (prefers-color-scheme: dark) {
 body { color: #e8e6e3; background: #131516; }
 h1 { color: #a265e0 !important; }
 h2 { color: #a265e0; }
 h3 { color: #ff5190; background-color: #3e3e1f; }
 a { color: #3391ff; }
 input { background-color: #2f3437; }
 .hr { border-color: #8c8273; }
 .titre { background-color: #1aa6a6; color: #e8e6e3; }
 .frontend, .backend { background: #2f3437; }
 .socket { background: #2a2d2f; }
 .active_down, .backup_down { background: #760000; }
 .active_going_up { background: #b99200; }
 .active_going_down { background: #6c6c00; }
 .active_up { background: #165900; }
 .active_nolb, .active_draining { background: #006ab9; }
 .active_no_check, .backup_no_check { background: #2a2d2f; }
 .backup_going_up { background: #7f007f; }
 .backup_going_down { background: #580092; }
 .backup_up { background: #2e3234; }
 .backup_nolb { background: #1e3c6a; }
 .backup_draining { background: #a37a00; }
 .maintain { background: #9a601a; }
 a.px:link, a.px:visited { color: #d8d83b; }
 a.px:hover { color: #ffffff; }
 a.lfsb:link, a.lfsb:visited { color: #e8e6e3; }
 a.lfsb:hover { color: #b5afa6; }
 table.tbl th.empty, table.tbl th.desc { background: #181a1b; }
 table.tbl th.pxname { background-color: #8d0033; color: #ffff46; }
 table.tbl th, table.tbl td { border-color: #808080; }
 u { border-bottom: 1px dotted #e8e6e3; }
 div.tips { background: #8e8e0d; color: #e8e6e3; border-color: #4e2c86; box-shadow: #60686c 2px 2px 3px; }
}
`
