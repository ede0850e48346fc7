package io.adamant.api;

import java.util.List;
import java.util.Map;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonOutputTest {

	private final JsonMapper mapper = customized();

	@Test
	void writesDoublesWithTheFastWriter() {
		assertThat(this.mapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
	}

	@Test
	void doublesReadBackAsTheSameValues() {
		List<Double> values = List.of(0.1, 1.0 / 3, 2.0E-3, 1.0E-5, 6.585474932764223, -2.395958965653999, 123456.789,
				Double.MIN_VALUE, Double.MAX_VALUE, 0.0, -0.0, 1.0E22);
		String json = this.mapper.writeValueAsString(Map.of("values", values));

		Map<String, List<Double>> read = this.mapper.readValue(json, new TypeReference<>() {
		});
		assertThat(read.get("values")).containsExactlyElementsOf(values);
		assertThat(json).contains("0.1,").contains("6.585474932764223");
	}

	private static JsonMapper customized() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new JsonOutput().fastDoubleWriter().customize(builder);
		return builder.build();
	}

}
