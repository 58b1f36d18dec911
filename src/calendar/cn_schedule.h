/* cn_schedule.h - China's announced holiday schedules (cn_schedule.c). */
#ifndef RAPPORT_CN_SCHEDULE_H
#define RAPPORT_CN_SCHEDULE_H

struct cn_schedule_day {
	const char *date;     /* "YYYY-MM-DD", ascending */
	unsigned char name;   /* index into cn_schedule_names */
	unsigned char off;    /* 1: a day off; 0: a weekend day made a working day */
};

extern const char *const cn_schedule_names[][2]; /* English, Chinese */
extern const struct cn_schedule_day cn_schedule[];
extern const unsigned cn_schedule_count;

#endif
