# bash completion for parpack(1); installed by `make install` where
# bash-completion looks (pkg-config --variable=completionsdir bash-completion).
# From the source tree, without installing: `. tools/parpack.bash` in the
# shell (or in ~/.bashrc), with ./parpack on PATH or called as parpack.
_parpack()
{
    local cur prev verb i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local verbs="check score build send forms import serve user help"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$verbs --help --version" -- "$cur"))
        return 0
    fi
    verb=${COMP_WORDS[1]}
    if [ "$verb" = help ]; then
        [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
        return 0
    fi
    case $prev in
        --previous) COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")); return 0;;
        --format) COMPREPLY=($(compgen -W "csv json" -- "$cur")); return 0;;
        --out|--templates|--workspace) COMPREPLY=($(compgen -d -- "$cur")); return 0;;
        --tls-cert|--tls-key) COMPREPLY=($(compgen -f -- "$cur")); return 0;;
        --role) COMPREPLY=($(compgen -W "clerk council" -- "$cur")); return 0;;
        --only)
            # the kinds of src/packet/plan.c (tests/e2e/cli.sh checks the list)
            local kinds="results report report-docx decision decision-docx award-decision award-decision-docx workbook unit-workbook unit-mail"
            local pre=${cur%"${cur##*,}"}
            COMPREPLY=($(compgen -P "$pre" -W "$kinds" -- "${cur##*,}")); return 0;;
        --jobs|-j|--smtp|--listen|--public-url) return 0;;
    esac
    local opts
    case $verb in
        check) opts="--previous" ;;
        score) opts="--previous --format" ;;
        build) opts="--previous --out --templates --only --jobs --quiet --progress --force" ;;
        send) opts="--smtp --dry-run --quiet --resend-uncertain" ;;
        forms) opts="--out --templates --jobs --quiet --progress --force" ;;
        import) opts="--out --partial" ;;
        serve) opts="--workspace --listen --public-url --tls-cert --tls-key" ;;
        user)
            if [ "$COMP_CWORD" -eq 2 ]; then
                COMPREPLY=($(compgen -W "add list remove password" -- "$cur")); return 0
            fi
            opts="--role --workspace" ;;
        *) return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    elif [ "$verb" = send ]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    elif [ "$verb" = import ]; then
        COMPREPLY=($(compgen -f -X '!*.@(xml|xlsx)' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
    fi
    return 0
} &&
complete -F _parpack -o filenames parpack
