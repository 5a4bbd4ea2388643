/* fuzz-driver.c: runs the fuzz target over files, without libFuzzer.
 *
 * Usage: fuzz-driver FILE-OR-FOLDER...  Every regular file given, or found
 * directly in a folder given, goes through LLVMFuzzerTestOneInput(); a
 * crash, an abort or a sanitizer report fails the test.
 */

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 0;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  /* Every prefix of a small file, too: truncation at each byte. */
  if (length <= 4096)
    for (gsize cut = 0; cut < length; cut++)
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, cut);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)))
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
                n += run_file (path);
            }
        }
      else
        n += run_file (argv[i]);
    }

  printf ("%u inputs, no crash\n", n);
  return n > 0 ? 0 : 1;
}
