/** Reports: HTML pages and PNG charts written into run directories. */
package io.jnas.report;
