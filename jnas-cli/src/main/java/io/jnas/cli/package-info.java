/** The jnas command line: one class per command, user errors as one line and exit code 2. */
package io.jnas.cli;
