/* festivals.h - Hindu, Buddhist and Balinese festival dates that follow
 * calendars this rapport does not compute: published tables only
 * (festivals.c). A year outside a table has no date. */
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
};

/* The festival's date in year ("YYYY-MM-DD"), or NULL when the tables
 * have none. */
const char *festival_date(enum festival f, int year);

#endif
