package io.anju.cases.devices;

import io.anju.cases.devices.cli.DeviceCommand;
import io.anju.cases.testing.ApiClient;
import io.anju.common.auth.SecretHash;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.live.PublishedRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.anju.cases.devices.DeviceRegistryIT.PATIENCE;
import static io.anju.cases.devices.DeviceRegistryIT.dir;
import static io.anju.cases.devices.DeviceRegistryIT.district;
import static io.anju.cases.devices.DeviceRegistryIT.registry;
import static io.anju.cases.devices.DeviceRegistryIT.seen;
import static io.anju.cases.devices.DeviceRegistryIT.signIn;
import static io.anju.cases.devices.DeviceRegistryIT.storeRevision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk import of devices from CSV through the API and the CLI, run inside {@link DeviceRegistryIT} on its case service
 * (real PostgreSQL and Kafka, started once): a good file adds and updates devices in one revision on
 * {@code anju.registry}, their secrets matching the stored hashes; a bad file names every problem with its line and
 * column and changes nothing; a dry run changes nothing; only district operators import.
 */
abstract class DeviceCsvImportTests {
    private static final String HEADER = "id,type,compound,zone,ports,watches,building,gateKind,direction,vendor,model,"
            + "firmware,installedOn,propertyCompany";

    @Test
    void aGoodCsvAddsAndUpdatesDevicesInOneRevisionWithTheirSecrets() throws Exception {
        Compound compound = registry.compounds().stream().filter(Compound::chargers).findFirst().orElseThrow();
        CrowdZone zone = registry.zones().iterator().next();
        Device camera = registry.devicesOfType(DeviceType.CAMERA).get(5);
        Compound elsewhere = registry.compounds().stream().filter(c -> !c.id().equals(camera.location().compoundId()))
                .findFirst().orElseThrow();
        String csv = String.join("\n", HEADER,
                "chg-csv-1,charger," + compound.id() + ",,8,,,,,Acme,EB-8,2.1.0,2026-12-01,Lianhu PM",
                "gate-csv-1,gate," + compound.id() + ",,,,,vehicle,both,,,,,",
                "crowd-csv-1,crowd,," + zone.id() + ",,,,,,,,,,",
                "\"" + camera.id() + "\",camera," + elsewhere.id() + ",,,shed,\"3, east\",,,Hik,DS-2,5.7,2026-11-30,");
        long inStore = storeRevision();

        HttpResponse<Buffer> dry = district.post("/api/v1/devices/import?dryRun=true", "text/csv", csv);
        assertThat(dry.statusCode()).as(dry.bodyAsString()).isEqualTo(200);
        assertThat(dry.bodyAsJsonObject().getInteger("added")).isEqualTo(3);
        assertThat(dry.bodyAsJsonObject().getInteger("updated")).isEqualTo(1);
        assertThat(dry.bodyAsJsonObject().getJsonArray("secrets")).isEmpty();
        assertThat(storeRevision()).as("a dry run writes nothing").isEqualTo(inStore);
        assertThat(district.get("/api/v1/devices/chg-csv-1").statusCode()).isEqualTo(404);

        HttpResponse<Buffer> done = district.post("/api/v1/devices/import", "text/csv", csv);
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
        JsonObject result = done.bodyAsJsonObject();
        assertThat(result.getInteger("added")).isEqualTo(3);
        long revision = result.getLong("revision");
        assertThat(revision).isEqualTo(inStore + 1);
        Map<String, String> secrets = result.getJsonArray("secrets").stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("deviceId"), o -> o.getString("secret")));
        assertThat(secrets).containsOnlyKeys("chg-csv-1", "gate-csv-1", "crowd-csv-1");

        PublishedRegistry published = await().atMost(PATIENCE).until(() -> seen.get(revision), r -> r != null);
        Registry next = new Registry(published.document());
        secrets.forEach((id, secret) -> assertThat(SecretHash.matches(secret, next.device(id).orElseThrow()
                .secretHash())).as(id).isTrue());
        Device charger = next.device("chg-csv-1").orElseThrow();
        assertThat(charger.location().gridId()).isEqualTo(compound.gridId());
        assertThat(charger.charger().ports()).isEqualTo(8);
        assertThat(charger.charger().stationLimitW()).as("a limit left out takes its default").isEqualTo(8700);
        assertThat(charger.installation().installedOn()).isEqualTo("2026-12-01");
        assertThat(next.device("crowd-csv-1").orElseThrow().location().zoneId()).isEqualTo(zone.id());
        Device moved = next.device(camera.id()).orElseThrow();
        assertThat(moved.location().compoundId()).isEqualTo(elsewhere.id());
        assertThat(moved.camera().building()).isEqualTo("3, east");
        assertThat(moved.secretHash()).as("an update keeps the secret").isEqualTo(camera.secretHash());
        assertThat(published.document().devices()).hasSize(next.devices().size());

        JsonObject listed = district.get("/api/v1/devices/gate-csv-1").bodyAsJsonObject();
        assertThat(listed.getJsonObject("gate").getString("kind")).isEqualTo("vehicle");
        JsonObject audited = district.get("/api/v1/device-changes?limit=1").bodyAsJsonArray().getJsonObject(0);
        assertThat(audited.getLong("revision")).isEqualTo(revision);
        assertThat(audited.getString("operation")).isEqualTo("import");
    }

    @Test
    void aBadCsvNamesEveryProblemWithItsLineAndColumnAndChangesNothing() throws Exception {
        Device existing = registry.devicesOfType(DeviceType.GATE).get(1);
        Compound compound = registry.compounds().iterator().next();
        String csv = String.join("\n", HEADER,
                "chg-bad-1,charger,no-such-compound,,8,,,,,,,,,",              // line 2: unknown compound
                "chg-bad-2,toaster," + compound.id() + ",,,,,,,,,,,",         // line 3: bad type
                "chg-bad-3,charger," + compound.id() + ",,many,,,,,,,,,",      // line 4: ports not a number
                "chg-bad-1,charger," + compound.id() + ",,8,,,,,,,,,",         // line 5: duplicate in the file
                "gate-bad-1,gate," + compound.id() + ",,,,,turnstile,in,,,,,", // line 6: bad gate kind
                "chg-bad-4,charger," + compound.id() + ",,4,,,,,,,,03/12/2026,", // line 7: bad date
                existing.id() + ",charger," + compound.id() + ",,4,,,,,,,,,"); // line 8: type change of a known id
        long inStore = storeRevision();
        for (String dryRun : List.of("true", "false")) {
            HttpResponse<Buffer> refused = district.post("/api/v1/devices/import?dryRun=" + dryRun, "text/csv", csv);
            assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("import_refused");
            JsonArray lines = refused.bodyAsJsonObject().getJsonArray("lines");
            assertThat(lines.stream().map(o -> (JsonObject) o).map(o -> o.getInteger("line") + ":"
                    + o.getString("field")).toList()).containsExactly(
                    "2:compound", "3:type", "4:ports", "5:id", "6:gateKind", "7:installedOn", "8:type");
            assertThat(lines.getJsonObject(0).getInteger("column")).isEqualTo(3);
            assertThat(refused.bodyAsJsonObject().getJsonArray("problems").getString(0))
                    .isEqualTo("line 2, column 3 (compound): unknown compound 'no-such-compound'");
        }
        assertThat(storeRevision()).as("a refused import writes nothing").isEqualTo(inStore);
        assertThat(district.get("/api/v1/devices/chg-bad-4").statusCode()).isEqualTo(404);
    }

    @Test
    void theImportTakesAFileLargerThanTheUsualBodyLimitAndOtherRoutesDoNot() throws Exception {
        Compound compound = registry.compounds().iterator().next();
        StringBuilder csv = new StringBuilder("id,type,compound,gateKind,direction,propertyCompany\n");
        for (int i = 0; csv.length() <= 70_000; i++) {
            csv.append("gate-big-").append(i).append(",gate,").append(compound.id())
                    .append(",vehicle,in,Lianhu Property Management Company Limited\n");
        }
        HttpResponse<Buffer> dry = district.post("/api/v1/devices/import?dryRun=true", "text/csv", csv.toString());
        assertThat(dry.statusCode()).as(dry.bodyAsString()).isEqualTo(200);
        assertThat(dry.bodyAsJsonObject().getInteger("added")).isGreaterThan(700);

        HttpResponse<Buffer> tooLarge = district.post("/api/v1/devices", "application/json",
                new JsonObject().put("id", "x".repeat(70_000)).encode());
        assertThat(tooLarge.statusCode()).isEqualTo(413);

        // The large body is taken only from a signed-in caller: the token is checked before the body is read.
        WebClient anonymous = WebClient.create(DeviceRegistryIT.vertx);
        HttpResponse<Buffer> unsigned = ApiClient.await(anonymous.post(DeviceRegistryIT.server.httpPort(),
                "127.0.0.1", "/api/v1/devices/import").putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv.toString())));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> forged = ApiClient.await(anonymous.post(DeviceRegistryIT.server.httpPort(),
                "127.0.0.1", "/api/v1/devices/import").putHeader("Content-Type", "text/csv")
                .putHeader("Authorization", "Bearer not-a-token").sendBuffer(Buffer.buffer(csv.toString())));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void onlyDistrictOperatorsImport() throws Exception {
        ApiClient worker = signIn("worker");
        Compound compound = registry.compounds().iterator().next();
        HttpResponse<Buffer> refused = worker.post("/api/v1/devices/import", "text/csv",
                "id,type,compound,gateKind,direction\ngate-by-worker,gate," + compound.id() + ",vehicle,in\n");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("reason")).isEqualTo("devices_district_only");
        assertThat(district.get("/api/v1/devices/gate-by-worker").statusCode()).isEqualTo(404);
    }

    @Test
    void theCliImportsACsvAndWritesTheSecretsToAFileOnlyItsOwnerReads() throws Exception {
        Compound compound = registry.compounds().iterator().next();
        Path csv = dir.resolve("cli-devices.csv");
        Files.writeString(csv, "id,type,compound,gateKind,direction\ngate-cli-1,gate," + compound.id() + ",vehicle,in\n"
                + "gate-cli-2,gate," + compound.id() + ",pedestrian,both\n");
        StringWriter dryOut = new StringWriter();
        assertThat(DeviceCommand.commandLine().setOut(new PrintWriter(dryOut)).execute("import", csv.toString(),
                "--dry-run", "--data-dir", dir.resolve("data").toString())).as(dryOut.toString()).isZero();
        assertThat(dryOut.toString()).contains("2 device(s) would be added");
        Path secrets = dir.resolve("cli-devices.secrets.csv");
        assertThat(secrets).doesNotExist();

        StringWriter out = new StringWriter();
        assertThat(DeviceCommand.commandLine().setOut(new PrintWriter(out)).execute("import", csv.toString(),
                "--data-dir", dir.resolve("data").toString(), "--by", "cli:installer")).as(out.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(secrets);
        assertThat(lines).hasSize(3).first().isEqualTo("id,secret");
        long revision = Long.parseLong(out.toString().replaceAll("(?s).*as revision (\\d+).*", "$1"));
        Registry next = new Registry(await().atMost(PATIENCE).until(() -> seen.get(revision), r -> r != null)
                .document());
        for (String line : lines.subList(1, 3)) {
            String[] idAndSecret = line.split(",");
            assertThat(SecretHash.matches(idAndSecret[1], next.device(idAndSecret[0]).orElseThrow().secretHash()))
                    .isTrue();
        }

        StringWriter err = new StringWriter();
        Files.writeString(csv, "id,type,compound,gateKind,direction\ngate-cli-3,gate," + compound.id() + ",vehicle,in\n");
        assertThat(DeviceCommand.commandLine().setErr(new PrintWriter(err)).execute("import", csv.toString(),
                "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exists already");
        assertThat(Files.readAllLines(secrets)).as("an earlier import's secrets are never overwritten").isEqualTo(lines);
        assertThat(district.get("/api/v1/devices/gate-cli-3").statusCode()).isEqualTo(404);
    }
}
