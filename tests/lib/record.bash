# record.bash - a small record with something in most kinds of table, for
# the tests of rapport migrate (tests/cli/t0530 between SQLite files,
# tests/pg/t0200 into PostgreSQL and back). Loaded by those files.

# fill_record: on partner 1 of the database the test made, 11 events more
# (a contact, an order with its six milestones and two payments, a
# problem) and their projections, a user and an API token, a checkpoint
# signed with both sides' keys, and the Merkle cache.
fill_record() {
	rapport contact --partner 1 --by buyer --kind video --at 2026-11-20T09:00Z --note "Lab dips" >/dev/null
	rapport order add --partner 1 --po LR-1 --style "Rib crew" --qty 100 --price 2.5 --currency USD \
		--ex-factory 2027-03-15 >/dev/null 2>&1
	rapport issue raise --partner 1 --title "Shade off" --severity major --responsible partner \
		--disclosure self >/dev/null
	rapport user add --org buyer --email maya@lindenrowe.example --role admin >/dev/null
	rapport token add --user maya@lindenrowe.example --name ci >/dev/null
	rapport checkpoint --partner 1 >cp.txt
	rapport checkpoint cosign cp.txt --as partner >/dev/null
	rapport prove --partner 1 --seq 2 >/dev/null # fills the Merkle cache
}
