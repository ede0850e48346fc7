package io.adamant.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The last good state of a network: parameters, optimizer state and counters at the end
 * of an epoch. Its buffers are allocated once and overwritten at each capture.
 */
final class Snapshot {

	private final INDArray params;

	private final INDArray updaterState;

	private int epoch;

	private int iterationCount;

	private Snapshot(INDArray params, INDArray updaterState) {
		this.params = params;
		this.updaterState = updaterState;
	}

	/** A snapshot of the network as it is now, labelled as the end of {@code epoch}. */
	static Snapshot of(MultiLayerNetwork network, int epoch) {
		INDArray state = network.getUpdater().getStateViewArray();
		Snapshot snapshot = new Snapshot(network.params().dup(), state == null ? null : state.dup());
		snapshot.epoch = epoch;
		snapshot.iterationCount = network.getIterationCount();
		return snapshot;
	}

	void capture(MultiLayerNetwork network, int epoch) {
		this.params.assign(network.params());
		if (this.updaterState != null) {
			this.updaterState.assign(network.getUpdater().getStateViewArray());
		}
		this.epoch = epoch;
		this.iterationCount = network.getIterationCount();
	}

	void restore(MultiLayerNetwork network) {
		network.params().assign(this.params);
		if (this.updaterState != null) {
			network.getUpdater().getStateViewArray().assign(this.updaterState);
		}
		network.setIterationCount(this.iterationCount);
		network.setEpochCount(this.epoch);
	}

	int epoch() {
		return this.epoch;
	}

}
