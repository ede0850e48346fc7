package io.adamant.job;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Reads and writes the stored form of a {@link JobSpec}: the JSON the API speaks. */
@Component
public class JobSpecCodec {

	private final JsonMapper jsonMapper;

	JobSpecCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	public String write(JobSpec spec) {
		return this.jsonMapper.writeValueAsString(spec);
	}

	public JobSpec read(String json) {
		return this.jsonMapper.readValue(json, JobSpec.class);
	}

}
