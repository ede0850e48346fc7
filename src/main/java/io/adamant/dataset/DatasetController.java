package io.adamant.dataset;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

	private final Datasets datasets;

	DatasetController(Datasets datasets) {
		this.datasets = datasets;
	}

	@GetMapping
	List<DatasetInfo> list() {
		return this.datasets.list();
	}

	@GetMapping("/{name}")
	DatasetInfo show(@PathVariable String name) {
		return this.datasets.find(name).orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

}
