package io.adamant.dataset;

import java.util.ArrayList;
import java.util.List;

import io.adamant.support.Api;
import io.adamant.support.NoWorkersApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The dataset listing: filters, sort and pages over built-in and uploaded datasets. */
class DatasetListingTest extends NoWorkersApiTest {

	@Test
	void filtersByTaskAndInputKindAsTheJsonNamesThem() {
		assertThat(names("/api/v1/datasets?input=sequence")).containsExactly("adding-problem", "delayed-echo");
		assertThat(names("/api/v1/datasets?task=classification&input=image")).containsExactly("digits", "shapes");
		assertThat(names("/api/v1/datasets?name=IRI")).containsExactly("iris");
	}

	@Test
	void sortsAndPagesWithTotals() {
		JsonNode first = this.api.get("/api/v1/datasets?sort=rows,desc&size=2").body();
		JsonNode all = this.api.get("/api/v1/datasets?sort=rows,desc&size=200").body();

		assertThat(first.path("totalItems").asLong()).isEqualTo(all.path("items").size()).isGreaterThanOrEqualTo(7);
		assertThat(first.path("totalPages").asInt()).isEqualTo((all.path("items").size() + 1) / 2);
		assertThat(first.path("items")).containsExactly(all.path("items").get(0), all.path("items").get(1));
		List<Integer> rows = new ArrayList<>();
		all.path("items").forEach(dataset -> rows.add(dataset.path("rows").asInt()));
		assertThat(rows).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
	}

	@Test
	void badParametersAreProblemsNamingTheParameter() {
		for (String query : new String[] { "task=clustering", "input=video", "sort=colour", "size=0" }) {
			Api.Response response = this.api.get("/api/v1/datasets?" + query);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.body().path("errors").findValuesAsString("field")).as(query)
				.contains(query.substring(0, query.indexOf('=')));
		}
	}

	private List<String> names(String path) {
		List<String> names = new ArrayList<>();
		this.api.get(path).body().path("items").forEach(dataset -> names.add(dataset.path("name").asString()));
		return names;
	}

}
