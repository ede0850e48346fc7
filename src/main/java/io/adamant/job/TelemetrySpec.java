package io.adamant.job;

/**
 * How much the training step measures besides what divergence detection needs.
 *
 * @param perLayer per-layer gradient norms and update:parameter ratios every iteration;
 * default true. Off, only the network-wide figures are measured.
 */
public record TelemetrySpec(Boolean perLayer) {

	TelemetrySpec withDefaults() {
		return new TelemetrySpec(this.perLayer == null || this.perLayer);
	}

}
