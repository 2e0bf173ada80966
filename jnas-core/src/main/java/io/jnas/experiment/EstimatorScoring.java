package io.jnas.experiment;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.run.RunDir;
import io.jnas.search.nat.Member;
import io.jnas.space.CostModel;
import io.jnas.space.EncodedSpace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** NAT scoring by an estimator of the registry (e.g. a NAS-Bench-201 table column); the front's error is the estimator's. */
final class EstimatorScoring<A> implements NatScoring<A> {
    private final EstimatorContext<A> ctx;
    private final EncodedSpace<A> space;
    private final CostModel<A> cost;
    private final Estimator<A> estimator;

    EstimatorScoring(EstimatorContext<A> ctx) {
        this.ctx = ctx;
        if (!(ctx.kit().space() instanceof EncodedSpace<A> e)) {
            throw new IllegalArgumentException("space '" + ctx.kit().name() + "' has no integer encoding for a NAT search");
        }
        this.space = e;
        boolean data = ctx.hasData();
        this.cost = ctx.kit().costModel(data ? ctx.data().train().channels() : 3, data ? ctx.data().numClasses() : 10,
                data ? ctx.data().train().height() : 32);
        this.estimator = ctx.shared(ctx.spec().estimators().get(0));
        if (estimator.pooled() != null) {
            throw new IllegalArgumentException("search nat needs an estimator whose value is an accuracy in %; "
                    + estimator.name() + " ranks architectures against each other (use it with search mote)");
        }
    }

    @Override
    public EstimatorContext<A> context() {
        return ctx;
    }

    @Override
    public EncodedSpace<A> space() {
        return space;
    }

    @Override
    public CostModel<A> cost() {
        return cost;
    }

    @Override
    public Estimator<A> estimator() {
        return estimator;
    }

    /** A model of the space's networks at the estimator's input (NAS-Bench-201: per-edge operations, fitted on cells). */
    @Override
    public io.jnas.latency.Latency<A> latency(io.jnas.latency.MeasureOptions options, int cells,
            java.util.function.Consumer<String> log) throws IOException {
        boolean data = ctx.hasData();
        return io.jnas.latency.LatencyModels.cells(ctx.kit(), data ? ctx.data().train().channels() : 3,
                data ? ctx.data().numClasses() : 10, data ? ctx.data().train().height() : 32, cells, options, null,
                log);
    }

    @Override
    public String describe() {
        return ctx.kit().name() + " scored by " + ctx.spec().estimators().get(0);
    }

    @Override
    public List<NatResult.FrontMember> finish(List<Member<A>> front, RunDir run, int export) throws IOException {
        List<NatResult.FrontMember> rows = new ArrayList<>();
        for (Member<A> m : front) {
            rows.add(new NatResult.FrontMember(space.format(m.arch()), Results.round4(m.error()), null, m.params(), m.macs(),
                    null));
        }
        return rows;
    }
}
