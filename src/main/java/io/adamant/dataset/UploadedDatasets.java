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
 * Datasets uploaded as CSV, one row each in the {@code datasets} table: their description
 * in plain and JSON columns, their values as float32 {@code bytea} parsed once at upload,
 * so that loading one for a job is a read and a copy, not a parse.
 */
@Component
class UploadedDatasets implements DatasetSource, StoredBytes {

	private static final String DESCRIPTION = """
			name, task, input_kind, shape, feature_count, output_count, row_count, classes, class_counts,
			label_summary, label_column, feature_columns, filename, size_bytes, created_at""";

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
			.query((rs, row) -> toLoaded(toView(rs, row), rs.getBytes("features"), rs.getBytes("labels")))
			.optional()
			.orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

	/**
	 * Stores a parsed upload in one statement.
	 * @return whether it was stored; {@code false} when the name is taken
	 */
	@Transactional
	public boolean insert(String owner, String name, DatasetTask task, InputKind input, List<Integer> shape,
			CsvDatasetParser.ParsedCsv csv, String filename, long sizeBytes) {
		int outputs = (task == DatasetTask.CLASSIFICATION) ? csv.classes().size() : 1;
		return this.jdbc
			.sql("""
					INSERT INTO datasets (owner, name, task, input_kind, shape, feature_count, output_count, row_count, classes,
					    class_counts, label_summary, label_column, feature_columns, features, labels, filename, size_bytes)
					VALUES (:owner, :name, :task, :input, CAST(:shape AS jsonb), :features, :outputs, :rows,
					    CAST(:classes AS jsonb), CAST(:classCounts AS jsonb), CAST(:labelSummary AS jsonb), :labelColumn,
					    CAST(:featureColumns AS jsonb), :featureValues, :labelValues, :filename, :size)
					ON CONFLICT (name) DO NOTHING""")
			.param("owner", owner)
			.param("name", name)
			.param("task", task.name())
			.param("input", input.name())
			.param("shape", this.json.writeValueAsString(shape))
			.param("features", csv.featureCount())
			.param("outputs", outputs)
			.param("rows", csv.rows())
			.param("classes", this.json.writeValueAsString(csv.classes()))
			.param("classCounts", jsonOrNull(csv.classCounts()))
			.param("labelSummary", jsonOrNull(csv.labelSummary()))
			.param("labelColumn", csv.labelColumn())
			.param("featureColumns", this.json.writeValueAsString(csv.featureColumns()))
			.param("featureValues", new SqlBinaryValue(csv.featureBytes(), csv.features().byteSize()))
			.param("labelValues", new SqlBinaryValue(csv.labelBytes(), csv.labels().byteSize()))
			.param("filename", filename)
			.param("size", sizeBytes)
			.update() == 1;
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
		DatasetStatistics statistics = new DatasetStatistics(rows, features, outputs, labelColumn,
				this.json.readValue(rs.getString("feature_columns"), STRINGS),
				(classCounts == null) ? null : inClassOrder(this.json.readValue(classCounts, COUNTS), classes),
				(labelSummary == null) ? null : this.json.readValue(labelSummary, DatasetStatistics.LabelSummary.class),
				filename, rs.getLong("size_bytes"), rs.getTimestamp("created_at").toInstant());
		String description = "Uploaded %s: %d rows of %d features; label column \"%s\"%s.".formatted(
				(filename == null) ? "CSV" : "CSV '" + filename + "'", rows, features, labelColumn,
				(task == DatasetTask.CLASSIFICATION) ? " with %d classes".formatted(classes.size()) : "");
		return new DatasetView(rs.getString("name"), task, input, this.json.readValue(rs.getString("shape"), INTEGERS),
				features, outputs, false, rows, false, classes, description, "uploaded by a user", statistics);
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

	private static LoadedDataset toLoaded(DatasetView view, byte[] featureBytes, byte[] labelBytes) {
		int rows = view.rows();
		float[] features = new float[rows * view.features()];
		ByteBuffer.wrap(featureBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(features);
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
		return LoadedDataset.of(info(view), rows, features, labels);
	}

}
