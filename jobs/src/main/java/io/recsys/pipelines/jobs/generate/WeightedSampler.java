package io.recsys.pipelines.jobs.generate;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight: a cumulative table and a binary search. */
final class WeightedSampler {
    private final double[] cumulative;

    WeightedSampler(double... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("at least one weight is needed");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /**
     * Index {@code r} (from 0) has weight {@code 1 / (r + 1)^exponent}. StrictMath, not Math:
     * Math.pow may differ in the last bit between JVMs, and a different table would change
     * which item a draw picks, so the committed example data would not reproduce.
     */
    static WeightedSampler zipf(int size, double exponent) {
        double[] weights = new double[size];
        for (int r = 0; r < size; r++) {
            weights[r] = 1.0 / StrictMath.pow(r + 1, exponent);
        }
        return new WeightedSampler(weights);
    }

    int sample(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        // The first index whose cumulative weight exceeds the target.
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
