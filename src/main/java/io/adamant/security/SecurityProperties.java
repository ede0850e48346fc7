package io.adamant.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param bootstrapAdminKey an admin key to create when the service has no keys (e.g. from
 * {@code ADAMANT_SECURITY_BOOTSTRAP_ADMIN_KEY}); without it one is generated and logged
 * once
 * @param keyCacheTtl how long an instance trusts a key it has checked; a key revoked on
 * another instance keeps working here for at most this long
 * @param maxJsonBody largest JSON request body
 * @param defaultQuotas limits of keys that set none of their own
 */
@Validated
@ConfigurationProperties("adamant.security")
record SecurityProperties(String bootstrapAdminKey, @DefaultValue("5s") Duration keyCacheTtl,
		@DefaultValue("1MB") DataSize maxJsonBody, @NotNull @Valid @DefaultValue DefaultQuotas defaultQuotas) {

	/**
	 * @param maxActiveJobs jobs queued or running at once
	 * @param maxEpochs epochs one job may ask for
	 * @param maxParameters parameters one job's model may have
	 * @param maxDatasetSize size of one uploaded dataset file
	 * @param maxStorage datasets and checkpoints stored, all together
	 * @param maxSweepSize child jobs one sweep may create
	 */
	record DefaultQuotas(@DefaultValue("100") int maxActiveJobs, @DefaultValue("1000") int maxEpochs,
			@DefaultValue("10000000") long maxParameters, @DefaultValue("50MB") DataSize maxDatasetSize,
			@DefaultValue("2GB") DataSize maxStorage, @DefaultValue("64") int maxSweepSize) {

		Quotas asQuotas() {
			return new Quotas(this.maxActiveJobs, this.maxEpochs, this.maxParameters, this.maxDatasetSize.toBytes(),
					this.maxStorage.toBytes(), this.maxSweepSize);
		}

	}

}
