from whoknows.cli.main import main

main()
