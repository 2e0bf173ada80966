package io.jnas.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sets up libtorch's kernels in this process the way the checks found right for this machine, before the first
 * convolution or matrix product runs (oneDNN reads its ISA cap once, then). Every jnas process calls
 * {@link #configure()} first (the command line, workers, Spark executors, the tests; {@code io.jnas.nn.Module} too, for
 * programs that use jnas as a library). The setting comes from, in order: the user's own {@code ONEDNN_MAX_CPU_ISA}
 * (or {@code DNNL_MAX_CPU_ISA}), kept as it is; {@code JNAS_KERNELS} ({@link KernelSetting}'s text form); the profile
 * cached for this machine and libtorch build; else the checks are run now, once ({@link Ladder}). Commands that train
 * call {@link #ensure} and refuse to run on kernels that failed a check.
 */
public final class Kernels {
    /** jnas's own choice of setting, e.g. {@code JNAS_KERNELS=isa:SSE41}. */
    public static final String ENV = "JNAS_KERNELS";

    private static volatile KernelState state;

    private Kernels() {
    }

    /** {@link #configure(Consumer)} with progress on standard error. */
    public static KernelState configure() {
        return configure(System.err::println);
    }

    /** Applies the setting for this machine (checking the machine first when it never was) and returns the state. */
    public static synchronized KernelState configure(Consumer<String> log) {
        if (state != null) {
            return state;
        }
        Machine m = Machine.current();
        String user = userIsa();
        String forced = blankToNull(System.getenv(ENV));
        boolean child = System.getenv(Ladder.CHILD) != null;
        Profile p = child ? null : user != null || forced != null ? Profile.load(m) : loadOrClimb(m, log);
        KernelSetting s;
        String source;
        String note = null;
        if (user != null) {
            s = userSetting(user);
            source = "ONEDNN_MAX_CPU_ISA=" + user + ", set by the user";
        } else if (forced != null) {
            s = parseOr(forced);
            source = ENV + "=" + forced;
            if (s == null) {
                s = KernelSetting.NATIVE;
                note = ENV + "=" + forced + " is not native, isa:LEVEL or onednn:off";
            }
        } else if (p != null && p.chosen() != null) {
            s = KernelSetting.parse(p.chosen());
            source = "chosen by the checks on this machine";
        } else if (p != null) {
            s = KernelSetting.ONEDNN_OFF;
            source = "no setting passed the checks";
        } else {
            s = KernelSetting.NATIVE;
            source = child ? "under check" : "unchecked";
        }
        apply(s, user != null, p);
        KernelState st = new KernelState(m, s, source, p, true, note);
        if (p != null && p.chosen() != null && source.startsWith("chosen") && !inEffect(p, s)) {
            Natives.setOnednn(false);
            st = new KernelState(m, KernelSetting.ONEDNN_OFF, source, p, false, s + " could not take effect (oneDNN was "
                    + "already in use in this process); oneDNN is off instead");
        }
        state = st;
        return st;
    }

    /**
     * The gate of every command that trains or scores: configures the kernels, checks a setting the user chose if it
     * never was checked here, and refuses with one line naming the failed check and the fix when the kernels in effect
     * are not known to be right.
     */
    public static KernelState ensure(Consumer<String> log) {
        KernelState st = configure(log);
        if (st.note() != null && st.note().startsWith(ENV)) {
            throw new IllegalArgumentException(st.note() + "; unset it to let jnas choose, or set e.g. " + ENV + "=isa:SSE41");
        }
        if (st.outcome() == null && !st.source().equals("under check")) {
            st = checkNow(st, log);
        }
        Profile.Tried t = st.outcome();
        if (t == null || t.ok()) {
            return st;
        }
        String fix = st.profile() != null && st.profile().chosen() != null ? " (jnas would use " + st.profile().chosen() + ")"
                : "";
        if (st.source().contains("set by the user")) {
            throw new IllegalArgumentException(st.source().replace(", set by the user", "") + " gives wrong results on this "
                    + "machine: " + t.failed() + "; unset it to let jnas choose" + fix + ", or run jnas doctor");
        }
        if (st.source().startsWith(ENV)) {
            throw new IllegalArgumentException(st.source() + " gives wrong results on this machine: " + t.failed() + "; unset "
                    + "it to let jnas choose" + fix + ", or run jnas doctor");
        }
        throw new IllegalArgumentException("libtorch's kernels give wrong results on this machine under every setting jnas "
                + "tried (last: " + t.setting() + ": " + t.failed() + "); run jnas doctor and see docs/platforms.md");
    }

    /** The state of this process's kernels (configuring them first). */
    public static KernelState state() {
        return configure();
    }

    /** Checks the setting in effect in a child process (it inherits the user's variables) and adds it to the profile. */
    private static synchronized KernelState checkNow(KernelState st, Consumer<String> log) {
        if (st.outcome() != null) {
            return st;
        }
        log.accept("kernels: checking the setting in effect (" + st.source() + ") once on this machine");
        Ladder.Outcome o = Ladder.tryInChild(st.setting(), !st.source().contains("set by the user"));
        log.accept("kernels:   " + Ladder.describe(o.tried()));
        Profile base = st.profile() != null ? st.profile()
                : new Profile(st.machine().fingerprint(), st.machine().toMap(), java.time.Instant.now().toString(), o.nnpack(),
                        List.of(), null);
        Profile p = base.with(o.tried(), base.chosen());
        save(p);
        state = new KernelState(st.machine(), st.setting(), st.source(), p, st.verified(), st.note());
        return state;
    }

    private static Profile loadOrClimb(Machine m, Consumer<String> log) {
        Profile p = Profile.load(m);
        if (p != null) {
            return p;
        }
        Path lock = Profile.file(m).resolveSibling(m.fingerprint() + ".lock");
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock l = ch.lock()) {
                p = Profile.load(m); // another process may have checked while this one waited
                if (p == null) {
                    p = Ladder.climb(m, KernelSetting.ladder(m), log);
                    if (p.tried().stream().allMatch(t -> t.checks() == 0)) {
                        p = InProcess.climb(m, p, log);
                    }
                    save(p);
                }
                return p;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the kernel check in " + lock.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void save(Profile p) {
        try {
            p.save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + e.getMessage(), e);
        }
    }

    /** Sets the variables and switches of {@code s} in this process. */
    static void apply(KernelSetting s, boolean userSetIsa, Profile p) {
        if (s.isa() != null && !userSetIsa) {
            Natives.setenv("ONEDNN_MAX_CPU_ISA", s.isa());
        }
        if (!s.onednn()) {
            Natives.setOnednn(false);
        }
        if (p != null && !p.nnpack()) {
            Natives.setNnpack(false); // libtorch would otherwise log NNPACK's failure on every convolution
        }
    }

    /**
     * Re-runs, at this process's thread count, the check that failed under the setting just faster than {@code s}: it
     * passes when {@code s} really is in effect (it fails when oneDNN was already in use with its own ISA). One check,
     * a few milliseconds, at every process start.
     */
    private static boolean inEffect(Profile p, KernelSetting s) {
        String failed = null;
        for (Profile.Tried t : p.tried()) {
            if (t.setting().equals(s.text())) {
                break;
            }
            failed = t.failedCheck() != null ? t.failedCheck() : failed;
        }
        String name = failed;
        ai.djl.engine.Engine.getEngine("PyTorch");
        List<Check> again = PrimitiveChecks.all().stream().filter(c -> c.name().equals(name)).toList();
        return again.isEmpty() || CheckRun.firstFailure(CheckRun.run(again, new int[] {ai.djl.pytorch.jni.JniUtils
                .getNumThreads()}, true, r -> { })) == null;
    }

    private static String userIsa() {
        String v = blankToNull(System.getenv("ONEDNN_MAX_CPU_ISA"));
        return v != null ? v : blankToNull(System.getenv("DNNL_MAX_CPU_ISA"));
    }

    private static KernelSetting userSetting(String isa) {
        KernelSetting s = parseOr("isa:" + isa);
        return s != null ? s : KernelSetting.NATIVE;
    }

    private static KernelSetting parseOr(String text) {
        try {
            return KernelSetting.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
