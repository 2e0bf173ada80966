package io.jnas.cli;

import picocli.CommandLine.Option;

/** {@code --preset}: the two sets of defaults of a long command; options given explicitly override them. */
public final class PresetMixin {
    /** The presets. */
    public enum Preset {
        /** Minutes on 2 CPU cores: data subsets, small networks, few epochs (values chosen by measurement). */
        cpu,
        /** The published protocols' values (GPU scale). */
        paper
    }

    @Option(names = "--preset", defaultValue = "cpu", description = "cpu (minutes on 2 cores) or paper (the published "
            + "protocol) (default ${DEFAULT-VALUE}).")
    Preset preset;

    boolean paper() {
        return preset == Preset.paper;
    }

    /** The value given, or the preset's. */
    <T> T or(T given, T cpu, T paper) {
        return given != null ? given : paper() ? paper : cpu;
    }
}
