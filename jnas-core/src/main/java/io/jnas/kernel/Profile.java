package io.jnas.kernel;

import io.jnas.run.AtomicFiles;
import io.jnas.run.CacheDir;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the checks found on one machine with one libtorch build, cached as
 * {@code ~/.cache/jnas/kernels/FINGERPRINT.json}: each setting tried with its outcome, the setting chosen (the first
 * of the ladder under which every check passed; null when none did) and whether NNPACK works on this CPU.
 *
 * @param fingerprint {@link Machine#fingerprint()}
 * @param machine the machine's facts
 * @param checked when the checks ran (ISO-8601)
 * @param nnpack whether libtorch's NNPACK accepts this CPU
 * @param tried every setting tried, in order
 * @param chosen the setting to use, or null when none passed
 */
public record Profile(String fingerprint, Map<String, Object> machine, String checked, boolean nnpack, List<Tried> tried,
        String chosen) {

    /**
     * One setting's outcome.
     *
     * @param setting the setting's text form
     * @param ok every check passed at 1 and 2 threads
     * @param onednn what oneDNN said of itself under this setting (version and ISA in effect)
     * @param checks how many checks ran
     * @param failed the first failed check's line, or null
     * @param failedCheck the first failed check's name, or null (re-run in-process to see a setting take effect)
     * @param seconds how long the check took, process start included
     */
    public record Tried(String setting, boolean ok, String onednn, int checks, String failed, String failedCheck,
            double seconds) {
    }

    /** The outcome for {@code setting}, or null when it was not tried. */
    public Tried outcome(KernelSetting setting) {
        return tried.stream().filter(t -> t.setting().equals(setting.text())).findFirst().orElse(null);
    }

    /** This profile with {@code t} added (replacing an earlier outcome of the same setting). */
    public Profile with(Tried t, String newChosen) {
        List<Tried> all = new ArrayList<>(tried);
        all.removeIf(x -> x.setting().equals(t.setting()));
        all.add(t);
        return new Profile(fingerprint, machine, checked, nnpack, List.copyOf(all), newChosen);
    }

    /** The cache file of {@code m}. */
    public static Path file(Machine m) {
        return CacheDir.root().resolve("kernels").resolve(m.fingerprint() + ".json");
    }

    /** The cached profile of {@code m}, or null when there is none (or it cannot be read: it is then checked again). */
    public static Profile load(Machine m) {
        Path f = file(m);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Profile p = Json.MAPPER.readValue(f.toFile(), Profile.class);
            return m.fingerprint().equals(p.fingerprint()) ? p : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the profile atomically. */
    public void save() throws IOException {
        Path f = CacheDir.root().resolve("kernels").resolve(fingerprint + ".json");
        AtomicFiles.writeString(f, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }
}
