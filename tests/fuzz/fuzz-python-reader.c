/* fuzz-python-reader.c: the Python reader must never crash, leak, hang or
 * answer with half a chain.
 *
 * libFuzzer entry point (tests/meson.build, -Dfuzzing=true with clang);
 * fuzz-driver.c feeds the same function from files under any compiler.
 * A refusal is one error of the reader's domain that says where ("line L,
 * column C: …", one line); what is read must make a session that saves
 * and loads back equal.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-session-load-any.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
says_where (const char *message)
{
  guint line, column;

  return sscanf (message, "line %u, column %u: ", &line, &column) == 2 && line >= 1 && column >= 1 &&
         strchr (message, '\n') == NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SlSession) session = NULL;

  session = sl_session_new_from_python ((const char *) data, (gssize) size, "fuzz", &notes, &error);
  if (session == NULL)
    {
      if (error == NULL || error->domain != SL_PYTHON_READER_ERROR || !says_where (error->message) ||
          notes != NULL)
        abort ();
      return 0;
    }
  if (error != NULL || notes == NULL || sl_session_get_modified (session) ||
      sl_chain_get_n_classes (sl_session_get_chain (session)) == 0)
    abort ();
  for (guint i = 0; i < notes->len; i++)
    {
      SlPythonNote *note = g_ptr_array_index (notes, i);

      if (note->line == 0 || note->column == 0 || note->message == NULL)
        abort ();
    }

  {
    g_autoptr(GError) again_error = NULL;
    g_autoptr(SlSession) again = NULL;
    g_autofree char *text = NULL;
    gsize length;

    text = sl_session_to_data (session, &length);
    again = sl_session_load_from_data (text, (gssize) length, &again_error);
    if (again == NULL || !sl_session_equal (session, again))
      abort ();
  }
  return 0;
}
