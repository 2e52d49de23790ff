"""Checks of deploy/: the container files' properties (parsed, so that they are checked without
root and podman; `make container-check` runs the built image, see README "Deploying") and the
Kubernetes manifests, validated offline with kubernetes-validate against a pinned Kubernetes version
and checked for the properties the README promises.

Run by `make deploy-check` (which creates the virtual environment) as
`python -m unittest discover -s tests/deploy`."""

import os
import re
import shlex
import subprocess
import sys
import unittest
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
# The oldest Kubernetes still supported upstream when this was written; manifests valid
# there are valid on later releases of the same APIs.
KUBERNETES_VERSION = "1.33.0"


def instructions(path):
    """(KEYWORD, arguments) per instruction, continuation lines joined, comments dropped."""
    out, pending = [], ""
    for line in path.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, rest = full.partition(" ")
        out.append((keyword.upper(), rest.strip()))
    return out


def stages(path):
    """The instructions of each stage, in order."""
    result = []
    for keyword, rest in instructions(path):
        if keyword == "FROM":
            result.append([])
        if result:
            result[-1].append((keyword, rest))
    return result


class ContainerfileTest(unittest.TestCase):
    FILES = {"Containerfile": False, "Containerfile.cuda": True}

    def test_multi_stage_non_root_with_health_check(self):
        for name, gpu in self.FILES.items():
            with self.subTest(name=name):
                path = DEPLOY / name
                st = stages(path)
                self.assertGreaterEqual(len(st), 2, "multi-stage")
                final = st[-1]
                users = [rest for k, rest in final if k == "USER"]
                self.assertTrue(users, "final stage sets USER")
                user = users[-1].split(":")[0]
                self.assertNotIn(user, ("0", "root"), "runs as non-root")
                health = [rest for k, rest in final if k == "HEALTHCHECK"]
                self.assertEqual(len(health), 1)
                self.assertIn("/healthz", health[0])
                # The health check's tool is installed in the final stage.
                self.assertTrue(any(k == "RUN" and "curl" in r for k, r in final))
                # Artefacts come from the project's download script, nothing else.
                runs = " ".join(r for s in st for k, r in s if k == "RUN")
                self.assertIn("scripts/download_models.sh", runs)
                self.assertEqual("--gpu" in runs, gpu)
                for fetcher in ("wget ", "curl -L", "curl -o"):
                    self.assertNotIn(fetcher, runs, "no ad-hoc downloads")
                env = " ".join(r for k, r in final if k == "ENV")
                self.assertIn("ZHENGXIN_HOME=", env)
                self.assertIn("ZHENGXIN_DEVICE=" + ("cuda" if gpu else "cpu"), env)
                copied = " ".join(r for k, r in final if k == "COPY")
                for artefact in ("third_party/lib", "models", "third_party/fonts"):
                    self.assertIn(artefact, copied)
                self.assertEqual("third_party/gpu" in copied, gpu)
                # Every stage copied from exists.
                names = {re.split(r"\s+as\s+", r, flags=re.I)[-1] for s in st for k, r in s[:1] if " as " in r.lower()}
                for ref in re.findall(r"--from=(\S+)", copied):
                    self.assertIn(ref, names)
                self.assertTrue(any(k == "ENTRYPOINT" for k, _ in final))

    def test_build_stage_copies_what_the_crate_compiles_in(self):
        """Files the crate embeds at compile time (include_str!/include_bytes!) must reach the
        build stage, or the image does not build."""
        embedded = set()
        for rs in (ROOT / "src").rglob("*.rs"):
            for rel in re.findall(r'include_(?:str|bytes)!\(\s*"([^"]+)"', rs.read_text()):
                embedded.add((rs.parent / rel).resolve().relative_to(ROOT).parts[0])
        self.assertIn("docs", embedded)
        for name in self.FILES:
            with self.subTest(name=name):
                build = next(s for s in stages(DEPLOY / name) if re.search(r"\bas\s+build\b", s[0][1], re.I))
                copied = {r.split()[0].rstrip("/") for k, r in build if k == "COPY" and not r.startswith("--")}
                self.assertLessEqual(embedded, copied, "top-level paths embedded by the crate")

    def test_build_context_excludes_local_artefacts(self):
        ignore = (ROOT / ".containerignore").read_text().split()
        for entry in ("target", "corpus", "third_party", "models/*.onnx"):
            self.assertIn(entry, ignore)


def documents(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def manifests():
    return sorted(p for p in K8S.rglob("*.yaml") if p.name != "kustomization.yaml")


class KubernetesTest(unittest.TestCase):
    def test_schema_valid_for_pinned_version(self):
        tool = Path(sys.executable).with_name("kubernetes-validate")
        files = [str(p) for p in manifests()]
        self.assertGreaterEqual(len(files), 7)
        run = subprocess.run(
            [str(tool), "--strict", "-k", KUBERNETES_VERSION, *files],
            capture_output=True,
            text=True,
        )
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertEqual(run.stdout.count("passed"), len(files), run.stdout)

    def test_kustomizations_list_every_manifest(self):
        for kust in K8S.rglob("kustomization.yaml"):
            listed = set(yaml.safe_load(kust.read_text())["resources"])
            here = {p.name for p in kust.parent.glob("*.yaml") if p.name != "kustomization.yaml"}
            self.assertEqual(listed, here, kust)

    def objects(self):
        return [(p, d) for p in manifests() for d in documents(p)]

    def deployments(self):
        return [(p, d) for p, d in self.objects() if d["kind"] == "Deployment"]

    def test_deployments_probes_resources_security(self):
        deps = self.deployments()
        self.assertEqual(len(deps), 2)
        for path, dep in deps:
            with self.subTest(path=str(path)):
                pod = dep["spec"]["template"]["spec"]
                self.assertTrue(pod["securityContext"]["runAsNonRoot"])
                self.assertNotEqual(pod["securityContext"].get("runAsUser"), 0)
                (c,) = pod["containers"]
                sc = c["securityContext"]
                self.assertTrue(sc["readOnlyRootFilesystem"])
                self.assertFalse(sc["allowPrivilegeEscalation"])
                self.assertEqual(sc["capabilities"]["drop"], ["ALL"])
                self.assertEqual(c["livenessProbe"]["httpGet"]["path"], "/healthz")
                self.assertEqual(c["readinessProbe"]["httpGet"]["path"], "/readyz")
                for kind in ("requests", "limits"):
                    self.assertIn("cpu", c["resources"][kind])
                    self.assertIn("memory", c["resources"][kind])
                # A read-only root needs a writable /tmp.
                mounts = {m["mountPath"] for m in c["volumeMounts"]}
                self.assertIn("/tmp", mounts)
                env = {e["name"]: e.get("value") for e in c["env"]}
                gpu = "nvidia.com/gpu" in c["resources"]["limits"]
                self.assertEqual(env["ZHENGXIN_DEVICE"], "cuda" if gpu else "cpu")
                if gpu:
                    self.assertEqual(c["resources"]["limits"]["nvidia.com/gpu"], 1)
                    self.assertTrue(pod["nodeSelector"])
                # The selector matches the pod template.
                labels = dep["spec"]["template"]["metadata"]["labels"]
                for k, v in dep["spec"]["selector"]["matchLabels"].items():
                    self.assertEqual(labels[k], v)
        self.assertEqual(sum("nvidia.com/gpu" in d["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"] for _, d in deps), 1)

    def test_service_hpa_pdb_point_at_the_deployments(self):
        objs = self.objects()
        deps = {d["metadata"]["name"]: d for _, d in self.deployments()}
        (svc,) = [d for _, d in objs if d["kind"] == "Service"]
        port_names = {p["name"] for d in deps.values() for p in d["spec"]["template"]["spec"]["containers"][0]["ports"]}
        for p in svc["spec"]["ports"]:
            self.assertIn(p["targetPort"], port_names)
        for dep in deps.values():
            labels = dep["spec"]["template"]["metadata"]["labels"]
            self.assertTrue(all(labels.get(k) == v for k, v in svc["spec"]["selector"].items()))
        hpas = [d for _, d in objs if d["kind"] == "HorizontalPodAutoscaler"]
        self.assertEqual(sorted(h["spec"]["scaleTargetRef"]["name"] for h in hpas), sorted(deps))
        pdbs = [d for _, d in objs if d["kind"] == "PodDisruptionBudget"]
        self.assertEqual(len(pdbs), len(deps))
        for pdb in pdbs:
            sel = pdb["spec"]["selector"]["matchLabels"]
            matched = [n for n, d in deps.items() if all(d["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in sel.items())]
            self.assertEqual(len(matched), 1, sel)


if __name__ == "__main__":
    unittest.main()
