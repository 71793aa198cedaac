module dbusguard.keydesk.invalid

go 1.26.8
