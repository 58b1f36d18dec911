/* workcal_json.h - days off and meeting slots as JSON, the shapes
 * `rapport holidays --json` and `rapport slots --json` print and the API
 * answers. */
#ifndef RAPPORT_WORKCAL_JSON_H
#define RAPPORT_WORKCAL_JSON_H

#include <jansson.h>

#include "calendar/holidays.h"
#include "calendar/slots.h"

/* [{date, name, local_name, kind, estimated}, ...], a new array. */
json_t *holidays_json(const struct holidays *h);
/* [{from, to (UTC), minutes, buyer: {from, to}, partner: {from, to}}, ...]
 * for slots listed with the buyer as side a. */
json_t *slots_json(const struct slots *s);

#endif
