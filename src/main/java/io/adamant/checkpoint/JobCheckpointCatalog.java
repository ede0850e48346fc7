package io.adamant.checkpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.adamant.job.CheckpointCatalog;

import org.springframework.stereotype.Component;

@Component
class JobCheckpointCatalog implements CheckpointCatalog {

	private final Checkpoints checkpoints;

	JobCheckpointCatalog(Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
	}

	@Override
	public Optional<UUID> resolve(UUID jobId, UUID checkpointId) {
		List<CheckpointView> stored = this.checkpoints.list(jobId);
		if (checkpointId != null) {
			return stored.stream().map(CheckpointView::id).filter(checkpointId::equals).findFirst();
		}
		return stored.stream()
			.filter(c -> c.kind() == CheckpointKind.FINAL)
			.findFirst()
			.or(() -> stored.stream().max(Comparator.comparingInt(CheckpointView::epoch)))
			.map(CheckpointView::id);
	}

}
