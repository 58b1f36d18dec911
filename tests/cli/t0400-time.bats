#!/usr/bin/env bats
# rapport time: instants in a zone, from the system zoneinfo.

load helper

@test "an instant in a zone that dropped daylight saving" {
	run rapport time --at 2024-07-01T12:00Z --zone America/Mexico_City
	[ "$status" -eq 0 ]
	[ "$output" = "2024-07-01T06:00:00-06:00" ]
}

@test "either side of a daylight saving change, as zdump says" {
	# zdump: Sun Mar  8 06:59:59 2026 UT = 01:59:59 EST; 07:00:00 UT = 03:00:00 EDT
	[ "$(rapport time --at 2026-03-08T06:59:59Z --zone America/New_York)" = "2026-03-08T01:59:59-05:00" ]
	[ "$(rapport time --at 2026-03-08T07:00:00Z --zone America/New_York)" = "2026-03-08T03:00:00-04:00" ]
	zdump -v -c 2026,2027 America/New_York | grep -q "Sun Mar  8 07:00:00 2026 UT = Sun Mar  8 03:00:00 2026 EDT"
}

@test "a time without an offset is local to the zone; --json gives the details" {
	run rapport time --at 2026-11-25T09:00 --zone Asia/Dhaka --json
	[ "$(echo "$output" | json_get '["at"]')" = "2026-11-25T03:00:00Z" ]
	[ "$(echo "$output" | json_get '["local"]')" = "2026-11-25T09:00:00+06:00" ]
	[ "$(echo "$output" | json_get '["offset_seconds"]')" = "21600" ]
	[ "$(echo "$output" | json_get '["dst"]')" = "false" ]
}

@test "a zone that is not one is refused" {
	run --separate-stderr rapport time --zone Mars/Olympus
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'--zone: "Mars/Olympus" is not a time zone'* ]]
	run --separate-stderr rapport time --zone Asia/Dhaka --at 2026-02-30
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'--at: no such date: "2026-02-30"'* ]]
}
