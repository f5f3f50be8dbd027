package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/accord-archive/accord/internal/proc"
)

// nginxConf serves root on addr the way a static mirror of Accord would be
// served: extension-less pages as dir/index.html, no access log, files
// cached open, keep-alive as long as the client likes.
const nginxConf = `%s
worker_processes auto;
daemon off;
master_process on;
pid %[2]s/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    open_file_cache max=10000 inactive=60s;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    types { text/html html; text/css css; text/javascript js; image/svg+xml svg; application/xml xml; }
    default_type application/octet-stream;
    charset utf-8;
    server {
        listen %[3]s;
        root %[4]s;
        location / { try_files $uri $uri/index.html =404; }
    }
}
`

// StartNginx serves root on addr with nginx run in the foreground from a
// configuration written under dir.
func StartNginx(ctx context.Context, dir, addr, root string, log io.Writer) (*proc.Server, error) {
	user := ""
	if os.Getuid() == 0 {
		user = "user root;" // the workers must read the files the harness wrote
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, nginxConf, user, dir, addr, root), 0o644); err != nil {
		return nil, err
	}
	s, _, err := proc.Start(ctx, addr, "/", log, "nginx", "-e", "stderr", "-p", dir, "-c", conf)
	return s, err
}
