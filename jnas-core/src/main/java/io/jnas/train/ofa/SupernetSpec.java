package io.jnas.train.ofa;

import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.data.Splits;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaSpace;
import java.util.List;

/**
 * A super-network training, as stored with the run and with the trained weights: the variant, the network's shape,
 * the data, the validation split and the training settings.
 *
 * @param space "ofa" or "ofav2"
 * @param network the super-network's shape
 * @param data the data (a validation split is held out of its training set)
 * @param valFraction fraction of the training set held out for validation
 * @param train the training hyper-parameters
 */
public record SupernetSpec(String space, OfaNetwork.Spec network, DataSpec data, double valFraction, SupernetConfig train) {
    /** The super-network spaces: once-for-all's MobileNetV3 space, and OFAv2's (parallel blocks, dense skips, exits). */
    public static final java.util.List<String> SPACES = java.util.List.of("ofa", "ofav2");

    public SupernetSpec {
        if (!SPACES.contains(space)) {
            throw new IllegalArgumentException("--space must be ofa or ofav2, got '" + space + "'");
        }
        if (!(valFraction > 0 && valFraction < 0.5)) {
            throw new IllegalArgumentException("--val-fraction must be in (0, 0.5), got " + valFraction);
        }
    }

    /**
     * The spec of a super-network for {@code data}, whose image channels and classes it reads from the data.
     *
     * @param parallel OFAv2 parallel blocks; with dense and exits, for ofav2 (none of the three: all three)
     */
    public static SupernetSpec of(String space, boolean parallel, boolean dense, boolean exits, double width, DataSpec data,
            double valFraction, SupernetConfig train) throws java.io.IOException {
        if (!SPACES.contains(space)) {
            throw new IllegalArgumentException("--space must be ofa or ofav2, got '" + space + "'");
        }
        boolean v2 = space.equals("ofav2");
        if (!v2 && (parallel || dense || exits)) {
            throw new IllegalArgumentException("--parallel, --dense and --exits are OFAv2 features: use --space ofav2");
        }
        boolean all = v2 && !parallel && !dense && !exits;
        Dataset probe = data.load();
        OfaNetwork.Spec net = new OfaNetwork.Spec(probe.train().channels(), probe.numClasses(), width, parallel || all,
                dense || all, exits || all, 0.1);
        return new SupernetSpec(space, net, data, valFraction, train);
    }

    /**
     * The shape of a super-network of {@code space} without reading data: ofav2 has parallel blocks, dense skips and
     * exits (as {@link #of} gives when none is chosen), ofa none of them.
     */
    public static OfaNetwork.Spec shape(String space, int inChannels, int classes, double width) {
        if (!SPACES.contains(space)) {
            throw new IllegalArgumentException("--space must be ofa or ofav2, got '" + space + "'");
        }
        boolean v2 = space.equals("ofav2");
        return new OfaNetwork.Spec(inChannels, classes, width, v2, v2, v2, 0.1);
    }

    /** The subnet space of this super-network. */
    public OfaSpace ofaSpace() {
        return new OfaSpace(train.resolutions(), List.of(network.width()), network.parallel(), network.exits());
    }

    /** Training and validation images: the validation split is held out of the training set (seeded, per class). */
    public ImageData[] splits(Dataset d) {
        Splits.Pair p = Splits.stratified(d.train(), valFraction, Seeds.mix(train.seed(), 5));
        return new ImageData[] {p.first(), p.second()};
    }
}
