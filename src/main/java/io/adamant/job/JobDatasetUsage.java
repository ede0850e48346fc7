package io.adamant.job;

import io.adamant.dataset.DatasetUsage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers for the dataset feature whether a job's spec names a dataset. */
@Component
class JobDatasetUsage implements DatasetUsage {

	private final JobRepository repository;

	JobDatasetUsage(JobRepository repository) {
		this.repository = repository;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean isUsedByJobs(String name) {
		return this.repository.anyJobUsesDataset(name);
	}

}
