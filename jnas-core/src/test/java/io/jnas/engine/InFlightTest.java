package io.jnas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void twoWorkersRunJobsAtOnceAndReturnResultsInJobOrder() {
        CountDownLatch both = new CountDownLatch(2);
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int k = i;
            jobs.add(() -> {
                if (k < 2) {
                    // the first two jobs wait for each other: they finish only if they run at the same time
                    both.countDown();
                    assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
                }
                Thread.sleep(5 * (6 - k)); // later jobs finish first
                return k * k;
            });
        }
        try (InFlight e = new InFlight(2)) {
            assertThat(e.slots()).isEqualTo(2);
            assertThat(e.runAll(jobs)).containsExactly(0, 1, 4, 9, 16, 25);
        }
    }

    @Test
    void oneWorkerRunsOnTheCallingThreadInOrder() {
        List<String> seen = new ArrayList<>();
        List<Callable<String>> jobs = List.of(() -> {
            seen.add(Thread.currentThread().getName());
            return "a";
        }, () -> "b");
        try (InFlight e = new InFlight(1)) {
            assertThat(e.runAll(jobs)).containsExactly("a", "b");
        }
        assertThat(seen).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailingJobIsRethrownWithItsMessage() {
        try (InFlight e = new InFlight(2)) {
            List<Callable<Integer>> jobs = List.of(() -> 1, () -> {
                throw new IllegalStateException("candidate 2 broke");
            });
            assertThatThrownBy(() -> e.runAll(jobs)).isInstanceOf(IllegalStateException.class).hasMessage("candidate 2 broke");
        }
        assertThatThrownBy(() -> new InFlight(0)).hasMessageContaining("at least 1 call");
    }
}
