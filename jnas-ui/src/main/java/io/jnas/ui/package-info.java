/**
 * jnas ui: a live, read-only web page of the runs under one folder. It reads run directories only (config.yaml,
 * status.json, metrics.jsonl, scores.csv, checkpoint state, result.json), so runs of any process or machine that
 * writes there appear; charts are drawn by XChart on the server; Javalin serves the page and a JSON API.
 */
package io.jnas.ui;
