package io.adamant.training;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import io.adamant.NativeDefaults;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import io.adamant.job.JobSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bare-DL4J engine of {@code bench/perf.sh}: for each configuration of
 * {@code bench/configs.json}, the network the service would build ({@link NetworkFactory}
 * from the same model spec, Adam, float32, the service's workspace modes) trained by a
 * plain {@code fit(features, labels)} loop on batches pre-materialised as INDArrays, no
 * listener. After a warm-up it times rounds of a fixed wall-clock length and prints one
 * {@code RESULT} JSON line per configuration (median and best round, samples/s) plus one
 * {@code ENV} line; {@code bench/perf.py} reads them.
 * <p>
 * Arguments: the configs file, then optionally the ids to run. Environment:
 * {@code PERF_WARMUP_SECONDS} (2), {@code PERF_ROUNDS} (5), {@code PERF_ROUND_SECONDS}
 * (1).
 */
public final class PerfBenchmark {

	/**
	 * Feature and label batches are paired by co-prime counts so that the network cannot
	 * memorise a few pairs and let its gradients vanish (shared/notes).
	 */
	private static final int FEATURE_BATCHES = 8;

	private static final int LABEL_BATCHES = 7;

	private PerfBenchmark() {
	}

	public static void main(String[] args) {
		NativeDefaults.apply();
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: PerfBenchmark <configs.json> [config id ...]");
		}
		double warmup = setting("PERF_WARMUP_SECONDS", 2);
		int rounds = (int) setting("PERF_ROUNDS", 5);
		double roundSeconds = setting("PERF_ROUND_SECONDS", 1);
		// the thread count the service's single worker chooses, so that both run alike
		NativeThreads.configure(0, 1);
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode file = mapper.readTree(new File(args[0]));
		Set<String> only = Set.copyOf(Arrays.asList(args).subList(1, args.length));
		printEnvironment(mapper);
		for (JsonNode config : file.path("configs")) {
			String id = config.path("id").asString();
			if (!only.isEmpty() && !only.contains(id)) {
				continue;
			}
			try {
				run(mapper, file.path("optimizer"), config, warmup, rounds, roundSeconds);
			}
			catch (RuntimeException ex) {
				ObjectNode failed = mapper.createObjectNode();
				failed.put("id", id);
				failed.put("error", ex.toString());
				System.out.println("RESULT " + mapper.writeValueAsString(failed));
			}
		}
	}

	private static void run(JsonMapper mapper, JsonNode optimizer, JsonNode config, double warmup, int rounds,
			double roundSeconds) {
		int batch = config.path("batchSize").asInt();
		DatasetInfo dataset = dataset(config);
		ObjectNode specJson = mapper.createObjectNode();
		specJson.putObject("dataset").put("name", "bench");
		specJson.set("model", config.path("model"));
		specJson.set("optimizer", optimizer);
		ObjectNode training = specJson.putObject("training");
		training.put("epochs", 1);
		training.put("batchSize", batch);
		training.put("seed", 42L);
		training.put("validationFraction", 0.0);
		JobSpec spec = mapper.treeToValue(specJson, JobSpec.class).withDefaults(() -> 42L);
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, dataset, 1));
		network.init();
		List<INDArray> features = features(dataset, batch);
		List<INDArray> labels = labels(dataset, batch);
		long iterations = 0;
		long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
		while (System.nanoTime() < warmupEnd) {
			network.fit(features.get((int) (iterations % FEATURE_BATCHES)),
					labels.get((int) (iterations % LABEL_BATCHES)));
			iterations++;
		}
		double[] rates = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			long start = System.nanoTime();
			long end = start + (long) (roundSeconds * 1e9);
			long done = 0;
			long now;
			do {
				network.fit(features.get((int) (iterations % FEATURE_BATCHES)),
						labels.get((int) (iterations % LABEL_BATCHES)));
				iterations++;
				done++;
				now = System.nanoTime();
			}
			while (now < end);
			rates[round] = done * batch / ((now - start) / 1e9);
		}
		double[] sorted = rates.clone();
		Arrays.sort(sorted);
		ObjectNode result = mapper.createObjectNode();
		result.put("id", config.path("id").asString());
		result.put("engine", "dl4j");
		result.put("samplesPerSecond", sorted[sorted.length / 2]);
		result.put("bestSamplesPerSecond", sorted[sorted.length - 1]);
		result.put("iterationMs", batch * 1000.0 / sorted[sorted.length / 2]);
		result.put("parameters", network.numParams());
		result.put("finalScore", network.score());
		for (double rate : rates) {
			result.withArray("rounds").add(rate);
		}
		System.out.println("RESULT " + mapper.writeValueAsString(result));
	}

	/** The dataset as the service describes it, from the config's input description. */
	private static DatasetInfo dataset(JsonNode config) {
		InputKind kind = InputKind.valueOf(config.path("input").path("kind").asString().toUpperCase(Locale.ROOT));
		List<Integer> shape = new ArrayList<>();
		config.path("input").path("shape").forEach(size -> shape.add(size.asInt()));
		int features = shape.stream().reduce(1, (a, b) -> a * b);
		DatasetTask task = DatasetTask.valueOf(config.path("task").asString().toUpperCase(Locale.ROOT));
		return new DatasetInfo("bench", task, kind, List.copyOf(shape), features, config.path("outputs").asInt(),
				config.path("perStepLabels").asBoolean(), 0, true, List.of(), "bench", "bench");
	}

	/**
	 * Features as the service hands them to the network: flat rows (images too: the
	 * network's input type reshapes them), sequences as [rows, features per step, steps].
	 */
	private static List<INDArray> features(DatasetInfo dataset, int batch) {
		Nd4j.getRandom().setSeed(1);
		List<INDArray> batches = new ArrayList<>();
		for (int i = 0; i < FEATURE_BATCHES; i++) {
			batches.add(dataset.input() == InputKind.SEQUENCE
					? Nd4j.randn(DataType.FLOAT, batch, dataset.shape().get(0), dataset.steps())
					: Nd4j.randn(DataType.FLOAT, batch, dataset.features()));
		}
		return batches;
	}

	/**
	 * One-hot classes for classification, standard-normal targets for regression, per
	 * step for per-step labels.
	 */
	private static List<INDArray> labels(DatasetInfo dataset, int batch) {
		Nd4j.getRandom().setSeed(2);
		List<INDArray> batches = new ArrayList<>();
		Random classes = new Random(2);
		for (int i = 0; i < LABEL_BATCHES; i++) {
			if (dataset.task() == DatasetTask.CLASSIFICATION) {
				INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, dataset.outputs());
				for (int row = 0; row < batch; row++) {
					oneHot.putScalar(row, classes.nextInt(dataset.outputs()), 1.0);
				}
				batches.add(oneHot);
			}
			else if (dataset.perStepLabels()) {
				batches.add(Nd4j.randn(DataType.FLOAT, batch, dataset.outputs(), dataset.steps()));
			}
			else {
				batches.add(Nd4j.randn(DataType.FLOAT, batch, dataset.outputs()));
			}
		}
		return batches;
	}

	private static void printEnvironment(JsonMapper mapper) {
		ObjectNode environment = mapper.createObjectNode();
		environment.put("javaVersion", System.getProperty("java.version"));
		environment.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
		environment.put("availableProcessors", Runtime.getRuntime().availableProcessors());
		environment.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		environment.put("nd4jBackend", Nd4j.getBackend().getClass().getName());
		Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
		for (Object key : info.keySet()) {
			String name = String.valueOf(key);
			if (name.startsWith("omp") || name.startsWith("blas") || name.startsWith("cpu")) {
				environment.put("nd4j." + name, String.valueOf(info.get(key)));
			}
		}
		System.out.println("ENV " + mapper.writeValueAsString(environment));
	}

	private static double setting(String name, double fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
	}

}
