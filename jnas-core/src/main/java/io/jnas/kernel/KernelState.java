package io.jnas.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernels of this process: the machine, the setting in effect and where it came from, and what the checks found
 * for it on this machine.
 *
 * @param machine this machine
 * @param setting the setting in effect
 * @param source why this setting (the user's variable, JNAS_KERNELS, the checks' choice, ...)
 * @param profile the checks' findings on this machine, or null when it was never checked
 * @param verified the setting was seen to take effect in this process (the checks that fail without it pass)
 * @param note what else the user should know, or null
 */
public record KernelState(Machine machine, KernelSetting setting, String source, Profile profile, boolean verified,
        String note) {

    /** The checks' outcome for the setting in effect, or null when it was not checked here. */
    public Profile.Tried outcome() {
        return profile == null ? null : profile.outcome(setting);
    }

    /** For config.yaml: the setting, oneDNN's ISA under it and the checks' result. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setting", setting.text());
        m.put("source", source);
        Profile.Tried t = outcome();
        m.put("onednn", t == null ? "unknown" : t.onednn());
        m.put("check", t == null ? "not checked" : t.ok() ? "passed " + t.checks() + " checks at 2 and 1 threads"
                : "FAILED: " + t.failed());
        m.put("checked", profile == null ? null : profile.checked());
        m.put("nnpack", profile == null ? "unknown" : profile.nnpack() ? "available" : "unavailable on this CPU, off");
        m.put("machine", machine.fingerprint());
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }
}
