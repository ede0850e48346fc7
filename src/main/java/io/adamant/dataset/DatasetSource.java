package io.adamant.dataset;

import java.util.List;
import java.util.Optional;

/**
 * Datasets besides the built-ins, e.g. uploaded ones; they take no generation options.
 */
interface DatasetSource {

	List<DatasetInfo> list();

	Optional<DatasetInfo> find(String name);

	LoadedDataset load(String name);

}
