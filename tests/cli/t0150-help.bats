#!/usr/bin/env bats
# Every command in the table has help; the overview lists them all.

load helper

# The command names listed under "commands:" in rapport --help, one a line.
# The overview prints the names left-aligned in one column as wide as the
# longest, then two spaces and the summary; names have single spaces.
commands() {
	rapport --help | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
i = lines.index("commands:") + 1
starts = set()
while lines[i]:
    line = lines[i]
    assert line.startswith("  ") and line[2] != " ", line
    name, summary = re.split(r"  +", line[2:], maxsplit=1)
    starts.add(line.index(summary, 2 + len(name)))
    print(name)
    i += 1
assert len(starts) == 1, "the summaries start in one column"
'
}

@test "the overview lists the commands of the first release" {
	run --separate-stderr rapport --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport <command> [options]" ]
	run commands
	[ "$status" -eq 0 ]
	for c in init "partner add" "partner list" contact log verify help; do
		printf '%s\n' "${lines[@]}" | grep -qxF "$c" || { echo "\"$c\" is not listed" >&2; return 1; }
	done
}

@test "every listed command answers --help and help COMMAND with its usage" {
	n=0
	while IFS= read -r c; do
		# $c is one or two words: split on purpose
		run --separate-stderr rapport $c --help
		[ "$status" -eq 0 ] || { echo "rapport $c --help: exit $status $stderr" >&2; return 1; }
		[[ "${lines[0]}" == "usage: rapport $c" || "${lines[0]}" == "usage: rapport $c "* ]] ||
			{ echo "rapport $c --help: ${lines[0]}" >&2; return 1; }
		[ "$stderr" = "" ]
		first=${lines[0]}
		run --separate-stderr rapport help $c
		[ "$status" -eq 0 ] || { echo "rapport help $c: exit $status $stderr" >&2; return 1; }
		[ "${lines[0]}" = "$first" ] || { echo "rapport help $c: ${lines[0]}" >&2; return 1; }
		run --separate-stderr rapport $c -h
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "$first" ]
		n=$((n + 1))
	done < <(commands)
	# every line of the section was a command
	total=$(rapport --help | sed -n '/^commands:$/,/^$/p' | grep -c '^  ')
	[ "$n" -eq "$total" ]
	[ "$n" -ge 7 ]
}

@test "a command's help lists its options, marking the required ones" {
	run rapport contact --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport contact --partner ID --by SIDE --kind KIND [--at TIME] [--note TEXT]" ]
	[[ "$output" == *"  --partner ID       the partner (required)"* ]]
	[[ "$output" == *"  --note TEXT        what was said or agreed"$'\n'* ]]
	[[ "$output" == *"global options:"*"  --db PATH"* ]]
}

@test "--help after other options still shows help and runs nothing" {
	sqlite_only "checks that no SQLite file was made"
	run rapport contact --partner 1 --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport contact --partner ID --by SIDE --kind KIND [--at TIME] [--note TEXT]" ]
	run rapport init --help --buyer B --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: rapport init "* ]]
	no_database
}

@test "a group without its subcommand lists the subcommands" {
	run --separate-stderr rapport partner
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"rapport: partner: needs a subcommand"* ]]
	[[ "$stderr" == *"  partner add "* ]]
	[[ "$stderr" == *"  partner list "* ]]
	run --separate-stderr rapport partner --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport partner <subcommand> [options]" ]
	[[ "$output" == *"  partner add "*"  partner list "* ]]
	run rapport help partner
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport partner <subcommand> [options]" ]
}

@test "an unknown command is bad usage" {
	sqlite_only "checks that no SQLite file was made"
	run --separate-stderr rapport frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[ "$stderr" = 'rapport: unknown command "frobnicate" (see rapport --help)' ]
	run --separate-stderr rapport help frobnicate
	[ "$status" -eq 2 ]
	[ "$stderr" = 'rapport: help: no command "frobnicate"' ]
	no_database
}

@test "an unknown global option is bad usage" {
	run --separate-stderr rapport --colour partner list
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'"--colour"'* ]]
	run --separate-stderr rapport --db
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--db: needs a value (PATH)"* ]]
	run --separate-stderr rapport --json=yes partner list
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--json: takes no value"* ]]
}

@test "no command prints the overview on stderr; --help and help print it on stdout" {
	run --separate-stderr rapport
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == "usage: rapport <command>"* ]]
	run --separate-stderr rapport --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport <command> [options]" ]
	[[ "$output" == *"exit status: 0 ok, 1 a check failed, 2 bad usage or input, 3 I/O or database error"* ]]
	run --separate-stderr rapport help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: rapport <command> [options]" ]
}

@test "--version prints the version" {
	sqlite_only "checks that no SQLite file was made"
	run --separate-stderr rapport --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^rapport\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	[ "$stderr" = "" ]
	no_database
}
