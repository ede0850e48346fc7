package io.adamant.dataset;

import java.util.List;
import java.util.Optional;

/**
 * Datasets besides the built-ins, e.g. uploaded ones; they take no generation options.
 */
interface DatasetSource {

	/**
	 * @param owner only this owner's; everyone's when null
	 */
	List<DatasetInfo> list(String owner);

	/**
	 * @param owner only if it is this owner's; anyone's when null
	 */
	Optional<DatasetInfo> find(String name, String owner);

	LoadedDataset load(String name);

	/**
	 * Whether the dataset was made from image files, so that image files can be predicted
	 * on as its rows.
	 */
	boolean takesImageFiles(String name);

}
