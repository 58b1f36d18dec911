#!/usr/bin/env bats
# Every command in the table has help.

load helper

# The command names listed under "commands:" in rapport --help.
commands() {
	rapport --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z-]*\( [a-z-]*\)\?\)  .*/\1/p' | sed 's/ *$//'
}

@test "every command answers --help and help COMMAND with its usage" {
	n=0
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		run rapport $c --help
		[ "$status" -eq 0 ] || { echo "rapport $c --help: $status" >&3; return 1; }
		[[ "${lines[0]}" == "usage: rapport $c"* ]] || { echo "rapport $c --help: ${lines[0]}" >&3; return 1; }
		run rapport help $c
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: rapport $c"* ]]
		n=$((n + 1))
	done < <(commands)
	[ "$n" -ge 10 ]
}

@test "a group without its subcommand lists the subcommands" {
	run --separate-stderr rapport partner
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"partner: needs a subcommand"* ]]
	[[ "$stderr" == *"partner add"* ]]
	[[ "$stderr" == *"partner list"* ]]
}

@test "an unknown command is bad usage" {
	run --separate-stderr rapport frobnicate
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'unknown command "frobnicate"'* ]]
}

@test "no command prints the overview on stderr; --version works" {
	run --separate-stderr rapport
	[ "$status" -eq 2 ]
	[[ "$stderr" == "usage: rapport <command>"* ]]
	run rapport --version
	[ "$status" -eq 0 ]
	[[ "$output" == "rapport "* ]]
}
