/* fuzz-session.c: the session loader must never crash, leak or half-load.
 *
 * libFuzzer entry point (see tests/meson.build, -Dfuzzing=true with clang);
 * fuzz-driver.c feeds the same function from files under any compiler.
 * Whatever loads must save, load again and be equal: the fuzzer checks
 * the round trip as well as the refusals.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sl-session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;

  session = sl_session_load_from_data ((const char *) data, (gssize) size, &error);
  if (session == NULL)
    {
      /* One error, of the session's domain, that says where. */
      if (error == NULL || error->domain != SL_SESSION_ERROR ||
          strchr (error->message, ':') == NULL || strchr (error->message, '\n') != NULL)
        abort ();
      return 0;
    }

  if (error != NULL || sl_session_get_modified (session))
    abort ();

  {
    g_autoptr(GError) again_error = NULL;
    g_autoptr(SlSession) again = NULL;
    g_autofree char *text = NULL;
    gsize length;

    text = sl_session_to_data (session, &length);
    if (length > SL_SESSION_MAX_FILE_SIZE)
      return 0;   /* pretty-printed past the limit: refused on save, not torn */
    again = sl_session_load_from_data (text, (gssize) length, &again_error);
    if (again == NULL || !sl_session_equal (session, again))
      abort ();
  }
  return 0;
}
