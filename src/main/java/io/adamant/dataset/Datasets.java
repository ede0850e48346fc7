package io.adamant.dataset;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/** The datasets jobs can train on: what they are, and their rows in memory. */
@Service
public class Datasets {

	private final Map<String, BuiltInDataset> builtIns;

	Datasets(List<BuiltInDataset> builtIns) {
		this.builtIns = builtIns.stream().collect(Collectors.toMap(d -> d.info().name(), Function.identity()));
	}

	public List<DatasetInfo> list() {
		return this.builtIns.values()
			.stream()
			.map(BuiltInDataset::info)
			.sorted(Comparator.comparing(DatasetInfo::name))
			.toList();
	}

	public Optional<DatasetInfo> find(String name) {
		return Optional.ofNullable(this.builtIns.get(name)).map(BuiltInDataset::info);
	}

	/**
	 * Loads a dataset's rows.
	 * @param samples rows for a synthetic dataset; {@code null} for its default
	 * @param seed seeds synthetic generation
	 */
	public LoadedDataset load(String name, Integer samples, long seed) {
		BuiltInDataset dataset = this.builtIns.get(name);
		if (dataset == null) {
			throw DatasetNotFoundException.forName(name);
		}
		return dataset.load(samples == null ? dataset.info().rows() : samples, seed);
	}

}
