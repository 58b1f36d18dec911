/* vn_schedule.h - Viet Nam's announced holiday schedules (vn_schedule.c)
 * and the names of its holidays, shared with the Labour Code rules in
 * holidays.c. */
#ifndef RAPPORT_VN_SCHEDULE_H
#define RAPPORT_VN_SCHEDULE_H

/* The years whose whole schedule the government announced; the other
 * years follow the Labour Code, estimated. */
#define VN_SCHEDULE_FIRST_YEAR 2010
#define VN_SCHEDULE_LAST_YEAR 2026

enum vn_name {
	VN_NEW_YEAR,
	VN_NEW_YEAR_OBSERVED,
	VN_NEW_YEAR_HOLIDAY, /* a swapped day or a weekly day off inside the break */
	VN_TET,
	VN_HUNG_KINGS,
	VN_HUNG_KINGS_OBSERVED,
	VN_HUNG_KINGS_HOLIDAY,
	VN_REUNIFICATION,
	VN_REUNIFICATION_OBSERVED,
	VN_LABOUR,
	VN_LABOUR_OBSERVED,
	VN_APRIL_MAY_HOLIDAY,
	VN_NATIONAL,
	VN_NATIONAL_OBSERVED,
	VN_NATIONAL_HOLIDAY, /* the second day from 2021, a swapped day, a weekly day off inside the break */
	VN_NAMES
};

struct vn_schedule_day {
	const char *date;   /* "YYYY-MM-DD", ascending */
	unsigned char name; /* enum vn_name */
	unsigned char off;  /* 1: a day off; 0: a Saturday made a working day */
};

extern const char *const vn_names[VN_NAMES][2]; /* English, Vietnamese */
extern const struct vn_schedule_day vn_schedule[];
extern const unsigned vn_schedule_count;

#endif
