/* islamic.h - Islamic holy days on the Gregorian calendar: the Umm al-Qura
 * calendar (ICU's "islamic-umalqura", the table Saudi Arabia publishes),
 * shifted by each country's usual offset (South Asia sights the moon a day
 * later), replaced by the dates a country officially observed where they
 * were published. Pure: no I/O. */
#ifndef RAPPORT_ISLAMIC_H
#define RAPPORT_ISLAMIC_H

enum islamic_event {
	ISLAMIC_NEW_YEAR,       /* 1 Muharram */
	ISLAMIC_ASHURA,         /* 10 Muharram */
	ISLAMIC_MAWLID,         /* 12 Rabi' al-awwal */
	ISLAMIC_ISRA_MIRAJ,     /* 27 Rajab */
	ISLAMIC_SHAB_E_BARAT,   /* 15 Sha'ban (mid-Sha'ban) */
	ISLAMIC_RAMADAN,        /* 1 Ramadan */
	ISLAMIC_LAYLAT_AL_QADR, /* 27 Ramadan */
	ISLAMIC_JUMUATUL_WIDA,  /* the last Friday of Ramadan */
	ISLAMIC_EID_AL_FITR,    /* 1 Shawwal */
	ISLAMIC_ARAFAH,         /* 9 Dhu al-Hijjah */
	ISLAMIC_EID_AL_ADHA,    /* 10 Dhu al-Hijjah */
	ISLAMIC_EVENT_COUNT
};

/* The Gregorian date of Hijri date hy-hm-hd in the Umm al-Qura calendar.
 * Returns 0, or -1 outside Hijri years 1300-1600 (where ICU has the table). */
int islamic_umalqura(int hy, int hm, int hd, int *y, int *m, int *d);

/* The days a country adds to the Umm al-Qura date (BD, IN, LK: +1). */
int islamic_offset(const char *country);

struct islamic_day {
	int y, m, d;
	int estimated; /* 1: Umm al-Qura plus the offset; 0: officially observed */
};

/* The occurrences (0, 1 or 2: the Hijri year is 11 days shorter) of event
 * in Gregorian year `year` as observed in country, ascending. Returns the
 * count. */
int islamic_dates(const char *country, enum islamic_event ev, int year, struct islamic_day out[2]);

/* The same, from the Umm al-Qura calendar and the offset only, ignoring the
 * observed dates (what islamic_dates answers for a year not published). */
int islamic_estimate(const char *country, enum islamic_event ev, int year, struct islamic_day out[2]);

#endif
