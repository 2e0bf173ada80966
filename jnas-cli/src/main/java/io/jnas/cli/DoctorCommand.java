package io.jnas.cli;

import io.jnas.doctor.Doctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jnas doctor: the machine, the kernels in effect, and every primitive and training step checked. */
@Command(name = "doctor", description = {"The machine, Java, DJL, libtorch, the kernel setting and oneDNN ISA in effect, then every "
    + "primitive, training step and optimizer jnas uses checked in float32 against float64 at 2 and 1 threads and for "
    + "same-seed bits, one line each (docs/platforms.md). Exit 0 only when every check passes."})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object (facts and every check) as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() {
        Doctor.Report r = Doctor.run(System.out::println);
        if (json) {
            RunOptions.print(true, r.toMap());
        }
        return r.ok() ? 0 : 1;
    }
}
