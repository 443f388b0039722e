package io.imagegraph.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkout of six StarlingX repositories, written from synthetic files with the shapes of the
 * real ones (starlingx/openstack-armada-app, upstream, fault, nfv, integ, utilities as of 2026):
 * {@code debian_stable_docker_images.inc} at each repository's top, build files in
 * {@code debian/bullseye/}, {@code debian/trixie/} and {@code debian/all/}, LOCI files with
 * backslash-continued double quotes and the newer directives, docker images whose Dockerfile sits
 * in the default {@code docker/} context with {@code FROM ${BASE}}, and a client image whose
 * CUSTOMIZATION embeds a script through {@code $(base64 -w0 <<'EOL' … EOL)} and whose
 * POSTBUILD_COMMAND is single-quoted over many lines. Per codename it has 15 LOCI and 4 docker images.
 */
public final class StarlingxTrees {

    /** LOCI images per codename: the armada app's 11 services, the clients, fault's, nfv's and utilities' agents. */
    public static final int LOCI_IMAGES = 15;
    public static final int DOCKER_IMAGES = 4;

    private final Path root;

    private StarlingxTrees(Path root) {
        this.root = root;
    }

    public static StarlingxTrees write(Path root) {
        StarlingxTrees trees = new StarlingxTrees(root);
        trees.armadaApp();
        trees.upstream();
        trees.singleLoci("fault", "fm-rest-api", "all", "stx-fm-rest-api");
        trees.singleLoci("nfv", "nova-api-proxy", "all", "stx-nova-api-proxy");
        trees.singleLoci("utilities", "utilities/pci-irq-affinity-agent", "all", "stx-pci-irq-affinity-agent");
        trees.integ();
        trees.utilities();
        return trees;
    }

    public Path root() {
        return root;
    }

    private static final String[] SERVICES = {"aodh", "barbican", "ceilometer", "cinder", "glance", "heat", "horizon",
        "keystone", "neutron", "nova", "placement"};

    private void armadaApp() {
        StringBuilder inc = new StringBuilder("# one directory a line\n");
        for (String service : SERVICES) {
            String dir = "upstream/openstack/python-" + service;
            inc.append(dir).append('\n');
            for (String codename : new String[] {"bullseye", "trixie"}) {
                write("openstack-armada-app/" + dir + "/debian/" + codename + "/stx-" + service + ".stable_docker_image",
                        """
                        BUILDER=loci
                        LABEL=stx-%1$s
                        PROJECT=%1$s
                        PROJECT_REPO=https://opendev.org/openstack/%1$s.git
                        PROJECT_REF=0123456789abcdef0123456789abcdef01234567
                        DIST_REPOS="OS +openstack"
                        UPGRADE_PIP_PACKAGES=pip
                        NON_UNIQUE_SYSTEM_ACCOUNT="yes"
                        UPDATE_SYSTEM_ACCOUNT="yes"
                        PROJECT_UID=42425
                        PROJECT_GID=42425
                        PIP_PACKAGES="\\
                          pycryptodomex \\
                          python-%1$sclient \\
                        "
                        DIST_PACKAGES="nfs-common \\
                                       udev
                        "
                        PROFILES="fluent %1$s apache"
                        CUSTOMIZATION="\\
                            ln -s /etc/apache2/mods-available/wsgi.load /etc/apache2/mods-enabled/wsgi.load && \\
                            sed -i \\"s/getattr(a, 'b', c)/getattr(a, 'b')/g\\" /var/lib/openstack/%2$s/x.py && \\
                            sed -i 's/\\(^\\s*\\)\\(import x\\)/\\1# \\2/' /var/lib/openstack/lib/python3*/y.py
                        "
                        """.formatted(service, codename));
            }
        }
        write("openstack-armada-app/debian_stable_docker_images.inc", inc.toString());
        write("openstack-armada-app/debian_helm.inc", "stx-openstack-helm\n");
    }

    private void upstream() {
        write("upstream/debian_stable_docker_images.inc", "openstack/python-platformclients\n");
        for (String codename : new String[] {"bullseye", "trixie"}) {
            write("upstream/openstack/python-platformclients/debian/" + codename
                    + "/stx-platformclients.stable_docker_image", """
                    BUILDER=loci
                    LABEL=stx-platformclients
                    PROJECT=infra
                    PROJECT_REPO=nil
                    DIST_REPOS="OS"
                    DIST_PACKAGES="python3-dev bash-completion kubernetes-1.32-client"
                    PIP_PACKAGES="pycryptodomex httplib2 \\
                        python-openstackclient cgtsclient"
                    # ln: a tool expects /usr/bin/keyctl
                    CUSTOMIZATION="ln -sf /bin/keyctl /usr/bin/keyctl && \\
                    echo '$(base64 -w0 <<'EOL'
                    #!/bin/bash
                    # choose the client that matches the server (it's "like" kubectl)
                    warn() { echo -e "\\e[1;33m[WARN]\\e[0m $1" >&2; }
                    version_gt() { [ "$(printf '%s\\n' "$1" "$2" | sort -V | head -n 1)" = "$2" ]; }
                    server_version() {
                        local V=$(python3 - <<-'PY'
                    import os
                    print(os.environ.get("KUBE_URL", "") + ")")
                    PY
                    )
                        echo "${V}"
                    }
                    read CLIENT SUPPORTED <<< $(echo "1.32 true")
                    case "$CLIENT" in
                        1.*) exec "/usr/local/kubernetes/${CLIENT}/kubectl" "$@" ;;
                    esac
                    EOL
                    )' | base64 -d > /usr/local/bin/kubectl && chmod +x /usr/local/bin/kubectl"
                    POSTBUILD_REMOVE_PYTHON_PACKAGES=""   # default is "pip"
                    POSTBUILD_REMOVE_OS_PACKAGES=""       # default is "python3-pip python-pip-whl"
                    POSTBUILD_COMMAND='
                    CONSTRAINTS_URL="https://example.org/upper-constraints.txt"

                    # replace packages with known CVEs
                    pip3 uninstall -y wheel && pip install "wheel==0.38.1"
                    pip3 uninstall -y certifi && pip install certifi -c ${CONSTRAINTS_URL}

                    apt-get remove -y python3-pip python-pip-whl
                    rm -rf /var/lib/pipbootstrap
                    '""");
        }
    }

    private void singleLoci(String repo, String dir, String folder, String label) {
        write(repo + "/debian_stable_docker_images.inc", (repo.equals("nfv") ? "./" : "") + dir + "\n");
        write(repo + "/" + dir + "/debian/" + folder + "/" + label + ".stable_docker_image", """
                BUILDER=loci
                LABEL=%s
                # PROJECT=infra and PROJECT_REPO=nil: no repository is cloned
                PROJECT=infra
                PROJECT_REPO=nil
                DIST_REPOS="OS"
                PIP_PACKAGES="
                        eventlet \\
                        oslo.config \\
                        oslo.log"
                """.formatted(label));
    }

    private void integ() {
        write("integ/debian_stable_docker_images.inc", "database/mariadb\nnetworking/openvswitch\n");
        write("integ/distroless_stable_docker_images.inc", "#kubernetes/plugins/some-plugin\n");
        for (String codename : new String[] {"bullseye", "trixie"}) {
            String mariadb = "integ/database/mariadb/debian/" + codename;
            write(mariadb + "/stx-mariadb.stable_docker_image", "BUILDER=docker\nLABEL=stx-mariadb\n");
            write(mariadb + "/docker/Dockerfile", "FROM quay.io/airshipit/mariadb:ubuntu_noble-20260101\n"
                    + "RUN apt-get update\n");
            String ovs = "integ/networking/openvswitch/debian/" + codename;
            write(ovs + "/stx-ovs.stable_docker_image", "BUILDER=docker\nLABEL=stx-ovs\n");
            write(ovs + "/docker/Dockerfile", "# the StarlingX base image\nARG BASE\n\nFROM ${BASE}\nRUN apt-get install -y openvswitch-switch\n");
            write(ovs + "/meta_data.yaml", "debname: openvswitch\n");
        }
    }

    private void utilities() {
        write("utilities/debian_stable_docker_images.inc", "tools/base-images/stx-debian-dev\n"
                + "tools/vran-tools/stx-debian-tools-dev\nutilities/pci-irq-affinity-agent\n");
        for (String codename : new String[] {"bullseye", "trixie"}) {
            for (String image : new String[] {"base-images/stx-debian-dev", "vran-tools/stx-debian-tools-dev"}) {
                String label = image.substring(image.indexOf('/') + 1);
                String dir = "utilities/tools/" + image + "/debian/" + codename;
                write(dir + "/" + label + ".stable_docker_image", "BUILDER=docker\nLABEL=" + label);
                write(dir + "/docker/Dockerfile", "ARG BASE\nFROM ${BASE}\nCOPY " + label + ".list /etc/apt/sources.list.d/\n");
                write(dir + "/docker/" + label + ".list", "deb http://example.org/debian " + codename + " main\n");
            }
        }
    }

    private void write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
