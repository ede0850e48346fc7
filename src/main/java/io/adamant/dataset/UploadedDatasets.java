package io.adamant.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.adamant.security.StoredBytes;

/**
 * Uploaded datasets, one row each in the {@code datasets} table: their description in
 * plain and JSON columns, their values as {@code bytea} parsed once at upload (float32
 * from CSV, one byte per pixel from a zip of images), so that loading one for a job is a
 * read and a copy, not a parse.
 */
@Component
class UploadedDatasets implements DatasetSource, StoredBytes {

	private static final String DESCRIPTION = """
			name, task, input_kind, shape, feature_count, output_count, row_count, classes, class_counts,
			label_summary, label_column, feature_columns, filename, size_bytes, created_at, feature_encoding,
			validation_rows, image_summary""";

	/** {@code feature_encoding}: CSV values as float32, pixels as one byte each. */
	private static final String FLOAT32 = "FLOAT32";

	private static final String UINT8 = "UINT8";

	private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	UploadedDatasets(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	@Transactional(readOnly = true)
	public List<DatasetInfo> list(String owner) {
		return this.jdbc
			.sql("SELECT " + DESCRIPTION
					+ " FROM datasets WHERE CAST(:owner AS text) IS NULL OR owner = :owner ORDER BY name")
			.param("owner", owner)
			.query(this::toView)
			.list()
			.stream()
			.map(UploadedDatasets::info)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<DatasetInfo> find(String name, String owner) {
		return view(name, owner).map(UploadedDatasets::info);
	}

	/**
	 * An upload with its statistics.
	 * @param owner only if it is this owner's; anyone's when null
	 */
	@Transactional(readOnly = true)
	public Optional<DatasetView> view(String name, String owner) {
		return this.jdbc
			.sql("SELECT " + DESCRIPTION
					+ " FROM datasets WHERE name = :name AND (CAST(:owner AS text) IS NULL OR owner = :owner)")
			.param("name", name)
			.param("owner", owner)
			.query(this::toView)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public long storedBytes(String owner) {
		return this.jdbc.sql("SELECT coalesce(sum(size_bytes), 0) FROM datasets WHERE owner = :owner")
			.param("owner", owner)
			.query(Long.class)
			.single();
	}

	/**
	 * Loads an upload's values: the features as stored, the labels one-hot for
	 * classification.
	 */
	@Override
	@Transactional(readOnly = true)
	public LoadedDataset load(String name) {
		return this.jdbc.sql("SELECT " + DESCRIPTION + ", features, labels FROM datasets WHERE name = :name")
			.param("name", name)
			.query((rs, row) -> toLoaded(toView(rs, row), rs.getString("feature_encoding"),
					rs.getObject("validation_rows", Integer.class), rs.getBytes("features"), rs.getBytes("labels")))
			.optional()
			.orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

	/**
	 * Stores a parsed CSV upload in one statement.
	 * @return whether it was stored; {@code false} when the name is taken
	 */
	@Transactional
	public boolean insert(String owner, String name, DatasetTask task, InputKind input, List<Integer> shape,
			CsvDatasetParser.ParsedCsv csv, String filename, long sizeBytes) {
		int outputs = (task == DatasetTask.CLASSIFICATION) ? csv.classes().size() : 1;
		return insert(new NewRow(owner, name, task, input, shape, csv.featureCount(), outputs, csv.rows(),
				csv.classes(), csv.classCounts(), csv.labelSummary(), csv.labelColumn(), csv.featureColumns(),
				new SqlBinaryValue(csv.featureBytes(), csv.features().byteSize()),
				new SqlBinaryValue(csv.labelBytes(), csv.labels().byteSize()), FLOAT32, null, null, filename,
				sizeBytes));
	}

	/**
	 * Stores a zip of images in one statement.
	 * @param sizeBytes what it counts against its owner's storage quota
	 * @return whether it was stored; {@code false} when the name is taken
	 */
	@Transactional
	public boolean insertImages(String owner, String name, ImageFolderArchive.ParsedImages images, String filename,
			long sizeBytes) {
		Integer validation = images.validationRows();
		DatasetStatistics.ImageSummary summary = new DatasetStatistics.ImageSummary(images.channels(), images.height(),
				images.width(), (validation == null) ? null : images.rowCount() - validation, validation,
				images.channelMean(), images.channelStd());
		return insert(new NewRow(owner, name, DatasetTask.CLASSIFICATION, InputKind.IMAGE, images.shape(),
				images.featureCount(), images.classes().size(), images.rowCount(), images.classes(),
				images.classCounts(), null, null, null, new SqlBinaryValue(images.pixelStream(), images.pixelBytes()),
				new SqlBinaryValue(images.labelBytes()), UINT8, validation, summary, filename, sizeBytes));
	}

	private boolean insert(NewRow row) {
		return this.jdbc
			.sql("""
					INSERT INTO datasets (owner, name, task, input_kind, shape, feature_count, output_count, row_count, classes,
					    class_counts, label_summary, label_column, feature_columns, features, labels, feature_encoding,
					    validation_rows, image_summary, filename, size_bytes)
					VALUES (:owner, :name, :task, :input, CAST(:shape AS jsonb), :features, :outputs, :rows,
					    CAST(:classes AS jsonb), CAST(:classCounts AS jsonb), CAST(:labelSummary AS jsonb), :labelColumn,
					    CAST(:featureColumns AS jsonb), :featureValues, :labelValues, :encoding, :validationRows,
					    CAST(:imageSummary AS jsonb), :filename, :size)
					ON CONFLICT (name) DO NOTHING""")
			.param("owner", row.owner())
			.param("name", row.name())
			.param("task", row.task().name())
			.param("input", row.input().name())
			.param("shape", this.json.writeValueAsString(row.shape()))
			.param("features", row.featureCount())
			.param("outputs", row.outputs())
			.param("rows", row.rows())
			.param("classes", this.json.writeValueAsString(row.classes()))
			.param("classCounts", jsonOrNull(row.classCounts()))
			.param("labelSummary", jsonOrNull(row.labelSummary()))
			.param("labelColumn", row.labelColumn())
			.param("featureColumns", jsonOrNull(row.featureColumns()))
			.param("featureValues", row.featureValues())
			.param("labelValues", row.labelValues())
			.param("encoding", row.encoding())
			.param("validationRows", row.validationRows())
			.param("imageSummary", jsonOrNull(row.imageSummary()))
			.param("filename", row.filename())
			.param("size", row.sizeBytes())
			.update() == 1;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean takesImageFiles(String name) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM datasets WHERE name = :name AND image_summary IS NOT NULL)")
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	@Transactional(readOnly = true)
	public boolean exists(String name) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM datasets WHERE name = :name)")
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	/** Deletes an upload; whether there was one to delete. */
	@Transactional
	public boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM datasets WHERE name = :name").param("name", name).update() == 1;
	}

	private String jsonOrNull(Object value) {
		return (value == null) ? null : this.json.writeValueAsString(value);
	}

	private DatasetView toView(ResultSet rs, int row) throws SQLException {
		DatasetTask task = DatasetTask.valueOf(rs.getString("task"));
		InputKind input = InputKind.valueOf(rs.getString("input_kind"));
		int features = rs.getInt("feature_count");
		int outputs = rs.getInt("output_count");
		int rows = rs.getInt("row_count");
		String labelColumn = rs.getString("label_column");
		String filename = rs.getString("filename");
		List<String> classes = this.json.readValue(rs.getString("classes"), STRINGS);
		String classCounts = rs.getString("class_counts");
		String labelSummary = rs.getString("label_summary");
		String featureColumns = rs.getString("feature_columns");
		String imageSummary = rs.getString("image_summary");
		DatasetStatistics.ImageSummary images = (imageSummary == null) ? null
				: this.json.readValue(imageSummary, DatasetStatistics.ImageSummary.class);
		DatasetStatistics statistics = new DatasetStatistics(rows, features, outputs, labelColumn,
				(featureColumns == null) ? null : this.json.readValue(featureColumns, STRINGS),
				(classCounts == null) ? null : inClassOrder(this.json.readValue(classCounts, COUNTS), classes),
				(labelSummary == null) ? null : this.json.readValue(labelSummary, DatasetStatistics.LabelSummary.class),
				filename, rs.getLong("size_bytes"), rs.getTimestamp("created_at").toInstant(), images);
		String description = (images == null)
				? "Uploaded %s: %d rows of %d features; label column \"%s\"%s.".formatted(
						(filename == null) ? "CSV" : "CSV '" + filename + "'", rows, features, labelColumn,
						(task == DatasetTask.CLASSIFICATION) ? " with %d classes".formatted(classes.size()) : "")
				: describeImages(filename, rows, classes.size(), images);
		return new DatasetView(rs.getString("name"), task, input, this.json.readValue(rs.getString("shape"), INTEGERS),
				features, outputs, false, rows, false, classes, description, "uploaded by a user", statistics);
	}

	private static String describeImages(String filename, int rows, int classes,
			DatasetStatistics.ImageSummary images) {
		String split = (images.validationImages() == null) ? "each job splits them"
				: "split as uploaded: %d in train/, %d in val/".formatted(images.trainImages(),
						images.validationImages());
		return "Uploaded ImageFolder zip%s: %d images of %d×%d×%d (channels×height×width) in %d classes; %s.".formatted(
				(filename == null) ? "" : " '" + filename + "'", rows, images.channels(), images.height(),
				images.width(), classes, split);
	}

	/**
	 * jsonb keeps an object's keys in an order of its own; the API lists classes sorted.
	 */
	private static Map<String, Integer> inClassOrder(Map<String, Integer> counts, List<String> classes) {
		Map<String, Integer> ordered = new LinkedHashMap<>();
		classes.forEach(name -> ordered.put(name, counts.get(name)));
		return ordered;
	}

	private static DatasetInfo info(DatasetView view) {
		return new DatasetInfo(view.name(), view.task(), view.input(), view.shape(), view.features(), view.outputs(),
				view.perStepLabels(), view.rows(), view.synthetic(), view.classes(), view.description(), view.source());
	}

	private static LoadedDataset toLoaded(DatasetView view, String encoding, Integer validationRows,
			byte[] featureBytes, byte[] labelBytes) {
		int rows = view.rows();
		float[] features = new float[rows * view.features()];
		if (UINT8.equals(encoding)) {
			for (int i = 0; i < features.length; i++) {
				features[i] = DecodedImage.unit(featureBytes[i]);
			}
		}
		else {
			ByteBuffer.wrap(featureBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(features);
		}
		float[] labels;
		if (view.task() == DatasetTask.CLASSIFICATION) {
			int classes = view.outputs();
			labels = new float[rows * classes];
			var indices = ByteBuffer.wrap(labelBytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
			for (int row = 0; row < rows; row++) {
				labels[row * classes + indices.get(row)] = 1f;
			}
		}
		else {
			labels = new float[rows];
			ByteBuffer.wrap(labelBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(labels);
		}
		LoadedDataset loaded = LoadedDataset.of(info(view), rows, features, labels);
		if (!UINT8.equals(encoding)) {
			return loaded;
		}
		// pixels from a zip of images: standardised per channel, split as uploaded if so
		return new LoadedDataset(loaded.info(), loaded.features(), loaded.labels(), validationRows,
				LoadedDataset.Standardisation.PER_CHANNEL);
	}

	/** A dataset to insert, CSV or images, as its columns hold it. */
	private record NewRow(String owner, String name, DatasetTask task, InputKind input, List<Integer> shape,
			int featureCount, int outputs, int rows, List<String> classes, Map<String, Integer> classCounts,
			DatasetStatistics.LabelSummary labelSummary, String labelColumn, List<String> featureColumns,
			SqlBinaryValue featureValues, SqlBinaryValue labelValues, String encoding, Integer validationRows,
			DatasetStatistics.ImageSummary imageSummary, String filename, long sizeBytes) {
	}

}
