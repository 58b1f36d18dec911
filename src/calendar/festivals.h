/* festivals.h - Hindu, Buddhist and Balinese festival dates that follow
 * calendars this rapport does not compute: published tables only
 * (festivals.c; Cambodia's and Sri Lanka's in buddhist.c). A year outside
 * a table has no date. */
#ifndef RAPPORT_FESTIVALS_H
#define RAPPORT_FESTIVALS_H

enum festival {
	FEST_MAHA_SHIVARATRI,
	FEST_HOLI,
	FEST_RAM_NAVAMI,
	FEST_MAHAVIR_JAYANTI,
	FEST_BUDDHA_PURNIMA,
	FEST_JANMASHTAMI,
	FEST_DUSSEHRA,
	FEST_DIWALI,
	FEST_GURU_NANAK_JAYANTI,
	FEST_NYEPI,    /* Bali's Day of Silence (Indonesia) */
	FEST_VESAK_ID, /* Waisak as Indonesia's government fixes it */
	/* Cambodia (buddhist.c): the Khmer lunisolar calendar's days */
	FEST_KH_NEW_YEAR,        /* Choul Chnam Thmey, its first day */
	FEST_KH_MEAK_BOCHEA,     /* full moon of month 3 */
	FEST_KH_VISAK_BOCHEA,    /* full moon of month 6 */
	FEST_KH_ROYAL_PLOUGHING, /* 4th waning day of month 6 */
	FEST_KH_PCHUM_BEN,       /* 15th waning day (new moon) of month 10 */
	FEST_KH_WATER_FESTIVAL,  /* full moon of month 12 (Bon Om Touk) */
	/* Sri Lanka (buddhist.c): the government's own dates */
	FEST_LK_THAI_PONGAL,
	FEST_LK_MAHA_SHIVARATRI,
	FEST_LK_DEEPAVALI,
	FEST_LK_NEW_YEAR, /* Sinhala and Tamil New Year; the day before is a holiday too */
	FEST_LK_POYA_DURUTHU, /* the full moon (Poya) days, by the Sinhala month they end */
	FEST_LK_POYA_NAVAM,
	FEST_LK_POYA_MEDIN,
	FEST_LK_POYA_BAK,
	FEST_LK_POYA_VESAK,
	FEST_LK_POYA_POSON,
	FEST_LK_POYA_ESALA,
	FEST_LK_POYA_NIKINI,
	FEST_LK_POYA_BINARA,
	FEST_LK_POYA_VAP,
	FEST_LK_POYA_IL,
	FEST_LK_POYA_UNDUVAP,
	FEST_LK_POYA_ADHI_VESAK, /* the leap (Adhi) months' Poya days */
	FEST_LK_POYA_ADHI_POSON,
	FEST_LK_POYA_ADHI_ESALA,
	FEST_LK_POYA_ADHI_BINARA,
	FEST_LK_POYA_ADHI_VAP,
};

/* The festival's date in year ("YYYY-MM-DD"), or NULL when the tables
 * have none. */
const char *festival_date(enum festival f, int year);

/* Its dates in year, ascending: 0 when the tables have none, 2 when it
 * falls twice (a Poya at both ends of a year). The strings are static. */
int festival_dates(enum festival f, int year, const char *out[2]);

#endif
