package io.jnas.cli;

import io.jnas.doctor.Doctor;
import io.jnas.run.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** jnas doctor: the machine, the kernels in effect, and every primitive and training step checked. */
@Command(name = "doctor", description = {
    "Prints the machine (CPU, ISA, cores), Java, DJL, libtorch, the kernel setting and oneDNN ISA in effect and the threads,",
    "then checks every primitive jnas trains with, its networks' training steps and its optimizers in float32 against",
    "float64 at 2 and 1 threads, and same-seed determinism: one line per check. Exit 0 only when every check passes.",
    "The kernel setting is chosen once per machine and libtorch build (kept in ~/.cache/jnas/kernels); ONEDNN_MAX_CPU_ISA",
    "or JNAS_KERNELS (native, isa:LEVEL, onednn:off) set by you are kept and checked."})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object (facts and every check) as the last line of standard output.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Doctor.Report r = Doctor.run(line -> {
            out.println(line);
            out.flush();
        });
        if (json) {
            out.println(Json.write(r.toMap()));
        }
        out.flush();
        return r.ok() ? 0 : 1;
    }
}
