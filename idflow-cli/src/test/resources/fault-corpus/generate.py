# Writes cases.jsonl, the bad-input corpus of BadInputCorpusFaultTest: python3 generate.py
import json
cases = []
GOOD = "5d26a3cc-1d04-4ed8-a702-8a658609daa9"
BAD_ID = "0f4d6a3e-7b8c-4d2e-9f10-111111111111"
def case(name, exit, args, files=None, env=None, stdin=None):
    c = {"name": name, "exit": exit, "args": args}
    if files: c["files"] = files
    if env: c["env"] = env
    if stdin is not None: c["stdin"] = stdin
    cases.append(c)

# 1. frontmatter of a stored document: every command on it is exit 5, the file untouched
frontmatters = {
 "unclosed": "---\ntitle: x\n",
 "bad-yaml-indent": "---\ntitle: x\n  bad: : :\n---\nbody\n",
 "tab-indent": "---\ntitle:\n\t- x\n---\n",
 "duplicate-key": "---\ntitle: a\ntitle: b\n---\n",
 "nan": "---\nscore: .nan\n---\n",
 "inf": "---\nscore: .inf\n---\n",
 "neg-inf": "---\nscore: -.inf\n---\n",
 "binary-tag": "---\nblob: !!binary aGVsbG8=\n---\n",
 "set-tag": "---\ns: !!set {a, b}\n---\n",
 "unknown-alias": "---\nm: *nowhere\n---\n",
 "status-invalid": "---\nstatus: sideways\n---\n",
 "status-list": "---\nstatus: [inbox]\n---\n",
 "top-level-list": "---\n- a\n- b\n---\n",
 "top-level-scalar": "---\njust text\n---\n",
 "empty-file": "",
 "only-whitespace": "  \n\n\t\n",
 "not-utf8": None,  # written as bytes below
 "doc-refs-not-list": "---\n_doc_refs: 5\n---\n",
 "file-refs-bad": "---\n_file_refs: [{key: 1}]\n---\n",
 "unclosed-quote": "---\ntitle: \"abc\n---\n",
 "unclosed-flow": "---\ntags: [a, b\n---\n",
 "bom-then-broken": "\ufeff---\ntitle: [\n---\n",
 "crlf-unclosed": "---\r\ntitle: x\r\n",
 "anchor-loop-merge": "---\na: &a\n  <<: *a\n---\n",
 "complex-key": "---\n? [a, b]\n: c\n---\n",
 "null-key": "---\n~: x\n---\n",
}
doc_cmds = [["doc","show",BAD_ID],["doc","modify",BAD_ID,"--set","a=b"],["doc","set-status",BAD_ID,"done"],["doc","drop",BAD_ID]]
for fname, text in frontmatters.items():
    for cmd in doc_cmds:
        f = {f"data/inbox/{BAD_ID}/doc.md": text if text is not None else {"base64": "LS0tCnRpdGxlOiD/\nLS0tCg=="}}
        case(f"frontmatter {fname}: {' '.join(cmd[:2])}", 5, cmd, files=f)

# broken folders
for cmd in doc_cmds:
    case(f"folder without doc.md: {' '.join(cmd[:2])}", 5, cmd, files={f"data/active/{BAD_ID}/notes.txt": "x"})
    case(f"id in two status folders: {' '.join(cmd[:2])}", 5, cmd, files={f"data/inbox/{BAD_ID}/doc.md": "---\ntitle: a\n---\n", f"data/done/{BAD_ID}/doc.md": "---\ntitle: a\n---\n"})
    case(f"doc.md is a folder: {' '.join(cmd[:2])}", 5, cmd, files={f"data/inbox/{BAD_ID}/doc.md/x": "x"})

# 2. ids with path tricks: usage error
bad_ids = ["..", "../x", "../../etc/passwd", "/etc/passwd", "a/b", "a\\b", ".hidden", "-rf", "x\u0000y", "x\ny", "x\u001b[31m", "a b", "a:b", "x"*200, "%2e%2e", "~root", "a*", "?", "inbox/" + GOOD, "\u00e9t\u00e9"]
for i, bid in enumerate(bad_ids):
    for cmd in (["doc","show"],["doc","drop"],["doc","locate"],["doc","set-status"]):
        args = cmd + [bid] + (["done"] if cmd[1]=="set-status" else [])
        case(f"bad id #{i} {bid[:20]!r}: {' '.join(cmd)}", 2, args)
    case(f"bad id #{i}: doc modify", 2, ["doc","modify",bid,"--set","a=b"])
    case(f"bad id #{i}: --add-doc target", 2, ["doc","add","x","--add-doc","k="+bid])
# bad reference keys
for i, k in enumerate(["../k", "a/b", ".k", "-k", "", "k\u0000", "k\u001b", "k" * 200, "a b"]):
    case(f"bad ref key #{i}: --add-doc", 2, ["doc","add","x","--add-doc",f"{k}={GOOD}"])
    case(f"bad ref key #{i}: --add-file", 2, ["doc","add","x","--add-file",f"{k}=config/idflow.yml"])
# bad property paths
for i, k in enumerate(["", ".", "a.", ".a", "a..b", "status", "id", "status.x", "a\u0000", "a\u001b[1m", "a\nb", "a\rb"]):
    case(f"bad property path #{i} --set", 2, ["doc","add","x","--set",f"{k}=v"])
    case(f"bad property path #{i} --json", 2, ["doc","add","x","--json",f"{k}=1"])
# --add-file paths
for i, p in enumerate(["/nonexistent/file", "data", "../../../../nonexistent", "", "config"]):
    case(f"--add-file bad path #{i}", 2, ["doc","add","x","--add-file",f"k={p}"])

# 3. JSON values
for i, j in enumerate(["", "{", "}", "[1,", "1 2", "{}}", "nul", "NaN", "Infinity", "'a'", "{a:1}", "[1]]", "\"unterminated", "01", "1e99999", "{\"a\":1,}", "tru"]):
    case(f"--json invalid #{i} {j!r}", 2, ["doc","add","x","--json",f"a={j}"])
for i, j in enumerate(["[]", "1", "\"s\"", "null", "{}}", "{"]):
    case(f"--doc-data not an object #{i}", 2, ["doc","add","x","--add-doc",f"k={GOOD}","--doc-data",j])
case("--doc-data without --add-doc", 2, ["doc","add","x","--doc-data","{}"])
case("--file-data without --add-file", 2, ["doc","add","x","--file-data","{}"])
for i, pair in enumerate(["noequals", "=v", "=", ""]):
    case(f"--set malformed #{i}", 2, ["doc","add","x","--set",pair])
    case(f"--json malformed #{i}", 2, ["doc","add","x","--json",pair])

# 4. filter expressions
for i, f in enumerate(["", "=", "==", "=x", " =x", "a", "status", "a=>x", "a=>=", "a=<=b", "a=!=", "a===1==2", "a=<", "a=>=1,2", "status=sideways", "status=INBOXX", ".a=1", "a..b=1", "a.=1", "a.b.=1"]):
    case(f"filter #{i} {f!r}", 2, ["doc","list","--filter",f])
for i, s in enumerate(["sideways", "", "all", "x\ny", "in box"]):
    case(f"doc list --status #{i} {s!r}", 2, ["doc","list","--status",s])

# 5. CLI arguments
for i, a in enumerate([["doc","list","--output","xml"],["doc","list","-o"],["doc","list","--no-such"],["doc","--bogus"],["nosuchcommand"],["doc","set-status",GOOD],["doc","set-status",GOOD,"sideways"],["doc","drop-all","sideways","-y"],["doc","drop-all","inbox","done","-y"],["config","show","--output","yaml"],["doc","show"],["doc","list","--columns",""],["worker","start","--grace","-1s"],["worker","start","--grace","abc"],["doc","list","--limit","-1"],["doc","list","--limit","x"],["workflow","prune","-v","1"],["server","start","--port","0"],["server","start","--port","70000"],["server","start","--port","x"],["server","logs","-n","x"],["quickstart","--timeout","0"],["quickstart","--timeout","soon"],["doc","modify"],["--verbose","--quiet","doc","nosuch"],["doc","list","--filter"],["stage","show"],["vendor","enable"],["completion","fish"],["completion"],["extras","purge","--bogus"]]):
    case(f"cli args #{i} {' '.join(a)[:40]}", 2, a)

# 6. config file
configs = {
 "not-yaml": "base_dir: [\n",
 "list-top": "- a\n- b\n",
 "scalar-top": "just text\n",
 "port-range": "server:\n  port: 99999\n",
 "port-text": "server:\n  port: eighty\n",
 "port-zero": "server:\n  port: 0\n",
 "timeout-negative": "conductor:\n  connect_timeout_ms: -5\n",
 "timeout-text": "conductor:\n  read_timeout_ms: soon\n",
 "timeout-float": "conductor:\n  read_timeout_ms: 1.5\n",
 "start-timeout-huge": "server:\n  start_timeout_seconds: 99999999999999\n",
 "scan-packages-scalar": "tasks:\n  scan_packages: 5\n",
 "conductor-scalar": "conductor: 5\n",
 "server-list": "server: [1, 2]\n",
 "duplicate-key": "base_dir: a\nbase_dir: b\n",
 "tab": "base_dir:\tdata\n\tx: 1\n",
 "nan-timeout": "conductor:\n  read_timeout_ms: .nan\n",
 "unknown-impl": "document_implementation: nosuch\n",
 "url-garbage": "conductor:\n  server_url: 'ht!tp://::'\n",
 "url-no-scheme": "conductor:\n  server_url: 'localhost:8080'\n",
 "url-ftp": "conductor:\n  server_url: 'ftp://localhost'\n",
 "url-newline": "conductor:\n  server_url: \"http://localhost:8080\\nx\"\n",
 "bool-text": "tasks:\n  scan_class_path: maybe\n",
 "worker-section-scalar": "worker:\n  echo: 5\n",
 "binary-tag": "base_dir: !!binary aGVsbG8=\n",
 "alias-missing": "base_dir: *nothing\n",
 "not-utf8": None,
}
for name, text in configs.items():
    cmds = (["doc","list"],) + ((["config","show"],) if name != "unknown-impl" else ())
    if name.startswith("url-"):
        cmds = (["tasks","list"], ["sync","--dry-run"])  # the URL is checked where it is used
    for cmd in cmds:
        f = {"config/idflow.yml": text if text is not None else {"base64": "YmFzZV9kaXI6IP8K"}}
        case(f"config {name}: {' '.join(cmd)}", 3, cmd, files=f)

# 7. environment
envs = {
 "IDFLOW_CONFIG missing": {"IDFLOW_CONFIG": "/nonexistent/idflow.yml"},
 "IDFLOW_CONFIG folder": {"IDFLOW_CONFIG": "/"},
 "IDFLOW_DOCUMENT_IMPL bogus": {"IDFLOW_DOCUMENT_IMPL": "nosuch"},
 "IDFLOW_CONDUCTOR_URL garbage": {"IDFLOW_CONDUCTOR_URL": "ht!tp://::"},
 "IDFLOW_CONDUCTOR_URL no scheme": {"IDFLOW_CONDUCTOR_URL": "localhost:1"},
 "IDFLOW_CONDUCTOR_URL newline": {"IDFLOW_CONDUCTOR_URL": "http://localhost:1\nx"},
 "IDFLOW_BASE_DIR is a file": {"IDFLOW_BASE_DIR": "config/idflow.yml"},
}
for name, env in envs.items():
    cmds = (["doc","list"],) + ((["config","show"],) if "IMPL" not in name and "BASE_DIR" not in name else ())
    if "CONDUCTOR_URL" in name:
        cmds = (["tasks","list"], ["sync","--dry-run"])  # the URL is checked where it is used
    for cmd in cmds:
        case(f"env {name}: {' '.join(cmd)}", 3, cmd, env=env)
for name, val in {"CRLF": "abc\r\ndef", "non-ASCII": "cl\u00e9", "100 KB": "k"*102400, "space": "a b", "NUL-free control": "a\u0007b"}.items():
    case(f"env CONDUCTOR_API_KEY {name}: tasks list", 3, ["tasks","list"], env={"CONDUCTOR_API_KEY": val, "@stub": "1"})
case("env CONDUCTOR_AUTH_KEY without secret", 3, ["tasks","list"], env={"CONDUCTOR_AUTH_KEY": "id", "@stub": "1"})
case("env CONDUCTOR_AUTH_SECRET without key", 3, ["tasks","list"], env={"CONDUCTOR_AUTH_SECRET": "s", "@stub": "1"})
case("base_dir is a file: doc add", 3, ["doc","add","x"], files={"config/idflow.yml": "base_dir: notes.txt\nfs_markdown:\n  fsync: false\n", "notes.txt": "x"})
case("status folder is a file: doc list", 3, ["doc","list"], files={"data/done": "x"})

# 8. stage YAML: doctor reports it (exit 5)
stages = {
 "not-yaml": "name: [\n",
 "list": "- a\n",
 "no-name": "workflows: []\n",
 "bad-when": "name: s1\nworkflows:\n  - name: w\n    when: 'doc.'\n",
 "requirements-scalar": "name: s1\nrequirements: 5\n",
 "workflows-scalar": "name: s1\nworkflows: 5\n",
 "name-path": "name: ../../x\n",
 "duplicate-key": "name: a\nname: b\n",
}
for name, text in stages.items():
    case(f"stage yaml {name}: doctor", 5, ["doctor"], files={"stages/s1.yml": text}, env={"@stub": "1"})
    cases[-1]["report"] = True

# 9. workflow JSON and event handlers: sync --dry-run against an empty Conductor is exit 5
wfs = {
 "not-json": "{",
 "trailing": "{\"name\":\"w1\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]} x",
 "array": "[]",
 "no-name": "{\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "name-slash": "{\"name\":\"a/b\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "name-dotdot": "{\"name\":\"..\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "name-nul": "{\"name\":\"a\\u0000b\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "task-name-backslash": "{\"name\":\"w1\",\"tasks\":[{\"name\":\"a\\\\b\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "no-tasks": "{\"name\":\"w1\",\"tasks\":[]}",
 "version-negative": "{\"name\":\"w1\",\"version\":-1,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "version-text": "{\"name\":\"w1\",\"version\":\"one\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "version-float": "{\"name\":\"w1\",\"version\":1.5,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "duplicate-ref": "{\"name\":\"w1\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"},{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
 "task-not-object": "{\"name\":\"w1\",\"tasks\":[5]}",
 "missing-ref": "{\"name\":\"w1\",\"tasks\":[{\"name\":\"t\",\"type\":\"SIMPLE\"}]}",
 "empty-file": "",
 "duplicate-key": "{\"name\":\"w1\",\"name\":\"w2\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}",
}
for name, text in wfs.items():
    for cmd in (["sync","--dry-run"],["workflow","upload","--dry-run"]):
        case(f"workflow json {name}: {' '.join(cmd)}", 5, cmd, files={"workflows/w1/w1.json": text}, env={"@stub": "1"})
ehs = {
 "not-json": "[",
 "not-object": "[5]",
 "no-name": "[{\"event\":\"conductor:w:e\",\"actions\":[{\"action\":\"complete_task\"}]}]",
 "name-slash": "[{\"name\":\"a/b\",\"event\":\"conductor:w:e\",\"actions\":[{\"action\":\"complete_task\"}]}]",
 "no-event": "[{\"name\":\"h\",\"actions\":[{\"action\":\"complete_task\"}]}]",
 "no-actions": "[{\"name\":\"h\",\"event\":\"conductor:w:e\",\"actions\":[]}]",
 "trailing": "[] []",
}
for name, text in ehs.items():
    case(f"event handlers {name}: sync --dry-run", 5, ["sync","--dry-run"], files={"workflows/w2/event_handlers.json": text}, env={"@stub": "1"})

# 10. vendor TOML: exit 3
tomls = {
 "not-toml": "name = \n",
 "unknown-key": "bogus = 1\n[source]\ntype = \"path\"\npath = \"../x\"\n",
 "unknown-type": "[source]\ntype = \"svn\"\nurl = \"x\"\n",
 "name-path": "name = \"../../evil\"\n[source]\ntype = \"path\"\npath = \"v\"\n",
 "name-slash": "name = \"a/b\"\n[source]\ntype = \"path\"\npath = \"v\"\n",
 "priority-text": "priority = \"high\"\n[source]\ntype = \"path\"\npath = \"v\"\n",
 "enabled-text": "enabled = \"yes\"\n[source]\ntype = \"path\"\npath = \"v\"\n",
 "no-source": "name = \"x\"\n",
 "git-no-url": "[source]\ntype = \"git\"\n",
 "path-missing": "[source]\ntype = \"path\"\npath = \"does-not-exist\"\n",
 "duplicate-key": "priority = 1\npriority = 2\n[source]\ntype = \"path\"\npath = \"v\"\n",
 "subdir-escape": "[source]\ntype = \"path\"\npath = \"v\"\nsubdir = \"../../..\"\n",
}
for name, text in tomls.items():
    if name != "path-missing":
        case(f"vendor toml {name}: vendor specs", 3, ["vendor","specs"], files={"config/vendors.d/v1.toml": text, "v/.keep": ""})
    case(f"vendor toml {name}: vendor fetch", 3, ["vendor","fetch"], files={"config/vendors.d/v1.toml": text, "v/.keep": ""})
for name, text in {"not-toml": "[extras\n", "artifacts-scalar": "[extras]\nx = 5\n", "bad-coords": "[extras]\nx = [\"not a coordinate\"]\n", "extends-missing": "[extras.x]\nartifacts = []\nextends = [\"nope\"]\n"}.items():
    case(f"extras toml {name}: extras list", 3, ["extras","list"], files={"config/extras.d/e.toml": text})

KNOWN = {
 "stage yaml bad-when": "a when expression with a syntax error is found only when a document is evaluated",
}
for c in cases:
    for k, why in KNOWN.items():
        if c["name"].startswith(k):
            c["known_defect"] = why
import os
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.jsonl"), "w") as fh:
    fh.write("# The fault suite's bad-input corpus (BadInputCorpusFaultTest): one case a line.\n")
    fh.write("# name, expected exit code, args; files written into the project first (text, or {\"base64\": ...});\n")
    fh.write("# env (\"@stub\": a stub Conductor that answers as an empty server is the URL); known_defect: why it still fails.\n")
    for c in cases:
        fh.write(json.dumps(c, ensure_ascii=True) + "\n")
print(len(cases))
