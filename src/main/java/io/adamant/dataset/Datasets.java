package io.adamant.dataset;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.adamant.security.Caller;

import org.springframework.stereotype.Service;

/** The datasets jobs can train on: what they are, and their rows in memory. */
@Service
public class Datasets {

	private final Map<String, BuiltInDataset> builtIns;

	private final List<DatasetSource> sources;

	Datasets(List<BuiltInDataset> builtIns, List<DatasetSource> sources) {
		this.builtIns = builtIns.stream().collect(Collectors.toMap(d -> d.info().name(), Function.identity()));
		this.sources = sources;
	}

	/** The built-in datasets and the uploads the caller may see, by name. */
	public List<DatasetInfo> list(Caller caller) {
		return Stream
			.concat(this.builtIns.values().stream().map(BuiltInDataset::info),
					this.sources.stream().flatMap(source -> source.list(caller.ownerFilter()).stream()))
			.sorted(Comparator.comparing(DatasetInfo::name))
			.toList();
	}

	/** A built-in dataset, or an upload the caller may see. */
	public Optional<DatasetInfo> find(Caller caller, String name) {
		return find(name, caller.ownerFilter());
	}

	/** A dataset whoever uploaded it: for a job that has been checked already. */
	public Optional<DatasetInfo> find(String name) {
		return find(name, null);
	}

	private Optional<DatasetInfo> find(String name, String owner) {
		BuiltInDataset builtIn = this.builtIns.get(name);
		if (builtIn != null) {
			return Optional.of(builtIn.info());
		}
		return this.sources.stream().flatMap(source -> source.find(name, owner).stream()).findFirst();
	}

	/**
	 * Whether {@code name} is a built-in dataset (its name cannot be taken by an upload).
	 */
	public boolean isBuiltIn(String name) {
		return this.builtIns.containsKey(name);
	}

	/** Whether the dataset takes a {@code sequenceLength} option. */
	public boolean takesSequenceLength(String name) {
		BuiltInDataset builtIn = this.builtIns.get(name);
		return builtIn != null && builtIn.takesSequenceLength();
	}

	/**
	 * Whether image files can be predicted on as the dataset's rows: it was uploaded as a
	 * zip of images, or its rows are generated images with values in [0, 1]. Not so for
	 * {@code digits} (intensities 0 – 16) or a CSV of images (of any scale).
	 */
	public boolean takesImageFiles(String name) {
		BuiltInDataset builtIn = this.builtIns.get(name);
		if (builtIn != null) {
			return builtIn.takesImageFiles();
		}
		return this.sources.stream().anyMatch(source -> source.takesImageFiles(name));
	}

	/** What a dataset is with the given options (a sequence length changes its shape). */
	public Optional<DatasetInfo> describe(String name, Integer sequenceLength) {
		BuiltInDataset builtIn = this.builtIns.get(name);
		if (builtIn != null && builtIn.takesSequenceLength() && sequenceLength != null) {
			return Optional.of(builtIn.info(sequenceLength));
		}
		return find(name);
	}

	/**
	 * Loads a dataset's rows.
	 * @param samples rows for a synthetic dataset; {@code null} for its default
	 * @param sequenceLength steps for a sequence dataset; {@code null} for its default
	 * @param seed seeds synthetic generation
	 */
	public LoadedDataset load(String name, Integer samples, Integer sequenceLength, long seed) {
		BuiltInDataset builtIn = this.builtIns.get(name);
		if (builtIn != null) {
			DatasetInfo info = builtIn.info();
			return builtIn.load(samples == null ? info.rows() : samples,
					sequenceLength == null ? info.steps() : sequenceLength, seed);
		}
		for (DatasetSource source : this.sources) {
			if (source.find(name, null).isPresent()) {
				return source.load(name);
			}
		}
		throw DatasetNotFoundException.forName(name);
	}

}
