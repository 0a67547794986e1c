"""A real WordPress on 127.0.0.1 for the publishing tests, from Debian's packages.

``start_wordpress(folder)`` creates a throwaway MariaDB datadir and a private copy of
WordPress under ``folder``, serves it with ``php -S`` on a free loopback port, runs
WordPress's own installer, and makes three users (administrator, editor, author) each
with an Application Password. ``WordPressSite.stop()`` ends exactly the processes it
started. Nothing outside ``folder`` is written (``/etc`` is never touched).

``missing_parts()`` names what is not installed; the ``wordpress`` fixture skips with
that reason on a developer's machine and fails when ``CI=true``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import process_groups

WORDPRESS_DIR = Path("/usr/share/wordpress")
PACKAGES = "wordpress wordpress-theme-twentytwentythree php-cli php-mysql mariadb-server"
# The public pages the tests open need a theme (Debian only recommends it); a post's featured image
# and WordPress's srcset are checked on the page the theme renders.
THEME = WORDPRESS_DIR / "wp-content" / "themes" / "twentytwentythree" / "style.css"
_SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")


@dataclass(frozen=True)
class SiteUser:
    login: str
    role: str
    user_id: int
    app_password: str


@dataclass
class WordPressSite:
    url: str
    root: Path
    users: dict[str, SiteUser]
    processes: list[subprocess.Popen] = field(default_factory=list)

    def php(self, code: str) -> str:
        """Run PHP with WordPress loaded (as the site itself would); returns its stdout."""
        return _php_script(self.root, code)

    def client_for(self, role: str) -> httpx.Client:
        """An httpx client authenticated as the user with ``role`` (for the site-side edits tests make)."""
        user = self.users[role]
        return httpx.Client(base_url=self.url, auth=(user.login, user.app_password), timeout=30)

    def stop(self) -> None:
        """Stop the web server (with its workers), then MariaDB: each by its process group."""
        for process in reversed(self.processes):
            process_groups.stop(process)
        self.processes.clear()


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(_SBIN))


def missing_parts() -> list[str]:
    """What a real WordPress needs here and is not installed (empty: all present)."""
    missing = []
    if not (WORDPRESS_DIR / "wp-includes" / "version.php").is_file():
        missing.append("wordpress")
    if not THEME.is_file():
        missing.append("wordpress-theme-twentytwentythree")
    for program in ("php", "mariadbd", "mariadb-install-db", "mariadb-admin", "mariadb"):
        if _which(program) is None:
            missing.append(program)
    if _which("php") is not None:
        modules = subprocess.run([_which("php"), "-m"], capture_output=True, text=True, check=False).stdout
        if "mysqli" not in modules.split():
            missing.append("php-mysql (mysqli)")
    return missing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise RuntimeError(f"WordPress test site: {what} did not happen within {timeout:.0f} s")


def _start_mariadb(folder: Path, processes: list[subprocess.Popen]) -> Path:
    datadir = folder / "mysql"
    socket_path = folder / "mysql.sock"
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [_which("mariadb-install-db"), "--no-defaults", f"--datadir={datadir}", *as_root,
         "--auth-root-authentication-method=normal", "--skip-test-db"],
        check=True, capture_output=True,
    )
    log = open(folder / "mariadb.log", "wb")  # lives as long as the server
    processes.append(process_groups.start(
        [_which("mariadbd"), "--no-defaults", f"--datadir={datadir}", f"--socket={socket_path}",
         "--skip-networking", f"--pid-file={folder / 'mysql.pid'}", *as_root],
        what="MariaDB for the WordPress tests", stdout=log, stderr=subprocess.STDOUT,
    ))
    admin = [_which("mariadb-admin"), "--no-defaults", f"--socket={socket_path}", "-uroot"]

    def alive() -> bool:
        if processes[-1].poll() is not None:
            raise RuntimeError(f"MariaDB exited: {(folder / 'mariadb.log').read_text(errors='replace')[-800:]}")
        return subprocess.run([*admin, "ping"], capture_output=True, check=False).returncode == 0

    _wait(alive, "MariaDB answering")
    sql = ("CREATE DATABASE wordpress CHARACTER SET utf8mb4; "
           "CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; "
           "GRANT ALL ON wordpress.* TO 'wp'@'localhost';")
    subprocess.run([_which("mariadb"), "--no-defaults", f"--socket={socket_path}", "-uroot", "-e", sql],
                   check=True, capture_output=True)
    return socket_path


_CONFIG = """<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('AUTH_KEY', 'test-only-1'); define('SECURE_AUTH_KEY', 'test-only-2');
define('LOGGED_IN_KEY', 'test-only-3'); define('NONCE_KEY', 'test-only-4');
define('AUTH_SALT', 'test-only-5'); define('SECURE_AUTH_SALT', 'test-only-6');
define('LOGGED_IN_SALT', 'test-only-7'); define('NONCE_SALT', 'test-only-8');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

_ROUTER = """<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = __DIR__ . $path;
if ($path !== '/' && is_file($file)) { return false; }
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) { require rtrim($file, '/') . '/index.php'; return; }
require __DIR__ . '/index.php';
"""


def _copy_wordpress(root: Path, socket_path: Path, url: str) -> None:
    """A private copy: real top-level files and wp-admin (PHP resolves __DIR__ through links)."""
    root.mkdir()
    for entry in WORDPRESS_DIR.iterdir():
        if entry.name in ("wp-config.php", "wp-content", ".htaccess"):
            continue
        if entry.name == "wp-includes":
            (root / entry.name).symlink_to(entry)
        elif entry.is_dir():
            shutil.copytree(entry, root / entry.name)
        else:
            shutil.copy2(entry, root / entry.name)
    content = root / "wp-content"
    (content / "uploads").mkdir(parents=True)
    for name in ("themes", "plugins", "languages"):
        if (WORDPRESS_DIR / "wp-content" / name).exists():
            (content / name).symlink_to(WORDPRESS_DIR / "wp-content" / name)
    (root / "wp-config.php").write_text(_CONFIG.format(socket=socket_path, url=url))
    (root / "router.php").write_text(_ROUTER)


def _php_script(root: Path, code: str) -> str:
    script = root / f"_task_{time.monotonic_ns()}.php"
    script.write_text("<?php\n$_SERVER['HTTP_HOST'] = 'localhost';\nrequire __DIR__ . '/wp-load.php';\n" + code)
    try:
        done = subprocess.run([_which("php"), str(script)], capture_output=True, text=True, check=False, timeout=60)
    finally:
        script.unlink()
    if done.returncode != 0:
        raise RuntimeError(f"PHP task failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    return done.stdout


_USERS = """
require_once ABSPATH . 'wp-admin/includes/user.php';
$out = [];
foreach ([['admin', 'administrator'], ['erin', 'editor'], ['avery', 'author']] as [$login, $role]) {
    $user = get_user_by('login', $login);
    $id = $user ? $user->ID : wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(24),
        'user_email' => $login . '@clinic.test', 'role' => $role, 'display_name' => ucfirst($login) . ' Test']);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
    [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'postwright-tests']);
    $out[$role] = ['login' => $login, 'role' => $role, 'user_id' => $id, 'app_password' => $password];
}
echo json_encode($out);
"""


def start_wordpress(folder: Path) -> WordPressSite:
    folder.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    site = WordPressSite(url="", root=folder / "site", users={}, processes=processes)
    try:
        socket_path = _start_mariadb(folder, processes)
        port = _free_port()
        site.url = f"http://127.0.0.1:{port}"
        _copy_wordpress(site.root, socket_path, site.url)
        log = open(folder / "php.log", "wb")  # lives as long as the server
        processes.append(process_groups.start(  # four workers: the group is stopped, not only php
            [_which("php"), "-S", f"127.0.0.1:{port}", "-t", str(site.root), str(site.root / "router.php")],
            what="php -S for the WordPress tests", env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
            stdout=log, stderr=subprocess.STDOUT,
        ))

        def serving() -> bool:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return True
            except OSError:
                return False

        _wait(serving, "php -S listening")
        answer = httpx.post(f"{site.url}/wp-admin/install.php?step=2", timeout=60, data={
            "weblog_title": "Riverside Clinic", "user_name": "admin", "admin_password": "admin-pass-123",
            "admin_password2": "admin-pass-123", "pw_weak": "1", "admin_email": "admin@clinic.test",
            "blog_public": "0", "language": "",
        })
        if "Success" not in answer.text:
            raise RuntimeError(f"WordPress installer did not succeed: {answer.status_code} {answer.text[-500:]}")
        users = json.loads(site.php(_USERS))
        site.users = {role: SiteUser(**values) for role, values in users.items()}
        return site
    except BaseException:
        site.stop()
        raise
