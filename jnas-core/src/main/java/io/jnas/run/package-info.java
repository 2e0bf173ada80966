/** Run directories: resolved configuration, metrics log, atomic checkpoints, results; seeds, versions, atomic files, progress. */
package io.jnas.run;
