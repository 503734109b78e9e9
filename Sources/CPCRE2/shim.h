#ifndef LETTERLINT_CPCRE2_SHIM_H
#define LETTERLINT_CPCRE2_SHIM_H
/* letterlint matches UTF-8 text only, so it uses the 8-bit PCRE2 library. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
